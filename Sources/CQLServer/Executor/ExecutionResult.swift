import CQLProtocol

/// The outcome of one statement, before it is encoded as a RESULT message.
enum ExecutionResult: Sendable, Hashable {
    /// RESULT Void.
    case void
    /// RESULT Rows.
    case rows(ResultSet)
    /// RESULT Set_keyspace.
    case setKeyspace(String)
    /// RESULT Schema_change (also broadcast as an EVENT to registered connections).
    case schemaChange(SchemaChangeDescription)
}

/// Rows with their column metadata and, when more pages remain, a paging state.
struct ResultSet: Sendable, Hashable {
    /// The result columns.
    var columns: [ResultColumn]
    /// Row-major cell values; `nil` is NULL.
    var rows: [[[UInt8]?]]
    /// The opaque state to fetch the next page, when there is one.
    var pagingState: [UInt8]?

    /// An empty result with `columns`.
    init(columns: [ResultColumn], rows: [[[UInt8]?]] = [], pagingState: [UInt8]? = nil) {
        self.columns = columns
        self.rows = rows
        self.pagingState = pagingState
    }
}

/// One result (or bind variable) column: where it comes from, its name and its type.
struct ResultColumn: Sendable, Hashable {
    /// The keyspace.
    var keyspace: String
    /// The table.
    var table: String
    /// The column name or alias.
    var name: String
    /// The type.
    var type: CQLType
}

/// A schema change: what changed and what kind of object it was.
struct SchemaChangeDescription: Sendable, Hashable {
    /// CREATED, UPDATED or DROPPED.
    enum Change: String, Sendable, Hashable {
        /// A new object.
        case created = "CREATED"
        /// A changed object.
        case updated = "UPDATED"
        /// A removed object.
        case dropped = "DROPPED"
    }

    /// KEYSPACE, TABLE or TYPE.
    enum Target: String, Sendable, Hashable {
        /// A keyspace.
        case keyspace = "KEYSPACE"
        /// A table.
        case table = "TABLE"
        /// A user-defined type.
        case type = "TYPE"
    }

    /// The change.
    var change: Change
    /// The target kind.
    var target: Target
    /// The keyspace.
    var keyspace: String
    /// The table or type name (empty for keyspaces).
    var name: String
}
