import CQLProtocol

/// One column of a table, as recorded in `system_schema.columns`.
public struct ColumnSchema: Sendable, Hashable {
    /// The column's role in the primary key, with Cassandra's `kind` spelling.
    public enum Kind: String, Sendable, Hashable {
        /// Part of the partition key.
        case partitionKey = "partition_key"
        /// A clustering column.
        case clustering
        /// A regular column.
        case regular
        /// A static column (one value per partition).
        case staticColumn = "static"
    }

    /// Clustering order of a clustering column (`none` for other kinds).
    public enum ClusteringOrder: String, Sendable, Hashable {
        /// Ascending order.
        case ascending = "asc"
        /// Descending order.
        case descending = "desc"
        /// Not a clustering column.
        case none
    }

    /// The column name (case preserved).
    public var name: String
    /// The resolved type (user-defined types carry their fields).
    public var type: CQLType
    /// Whether the value is frozen (one cell). Non-frozen collections store one cell per element.
    public var isFrozen: Bool
    /// The column's role.
    public var kind: Kind
    /// The position within the partition key or clustering columns; -1 otherwise.
    public var position: Int
    /// The clustering order.
    public var clusteringOrder: ClusteringOrder
    /// The storage slot of the column's cells; assigned by ``TableSchema`` and never reused,
    /// so a dropped and re-added column does not resurrect old data.
    public internal(set) var slot: Int = -1

    /// Creates a column definition.
    public init(name: String, type: CQLType, isFrozen: Bool, kind: Kind, position: Int = -1, clusteringOrder: ClusteringOrder = .none) {
        self.name = name
        self.type = type
        self.isFrozen = isFrozen
        self.kind = kind
        self.position = position
        self.clusteringOrder = clusteringOrder
    }

    /// Whether the column stores one cell per collection element.
    public var isMultiCell: Bool { type.isCollection && !isFrozen }

    /// Whether the column is a counter.
    public var isCounter: Bool { type == .counter }

    /// Whether the column belongs to the primary key.
    public var isPrimaryKey: Bool { kind == .partitionKey || kind == .clustering }

    /// The type text Cassandra stores in `system_schema.columns.type`, e.g. `frozen<list<int>>`
    /// (see ``CQLProtocol/CQLTypeExpression/canonicalText``).
    public var typeText: String { CQLTypeExpression(type, frozen: isFrozen).canonicalText }
}
