/// Every change to one partition made by one statement, applied atomically.
///
/// The executor turns INSERT, UPDATE, DELETE and BATCH statements into mutations; the
/// storage engine applies them and the commit log records them.
struct Mutation: Sendable, Hashable {
    /// The keyspace name.
    var keyspace: String
    /// The table name.
    var table: String
    /// The serialized partition key.
    var partitionKey: [UInt8]
    /// The serialized partition-key column values.
    var components: [[UInt8]]
    /// The partition's token.
    var token: Int64
    /// A partition deletion timestamp, if the statement deletes the partition.
    var partitionDeletion: Int64?
    /// Range deletions.
    var rangeDeletions: [RangeTombstone] = []
    /// Row-level changes.
    var rows: [RowMutation] = []

    /// Creates an empty mutation for one partition.
    init(keyspace: String, table: String, partitionKey: [UInt8], components: [[UInt8]], token: Int64) {
        self.keyspace = keyspace
        self.table = table
        self.partitionKey = partitionKey
        self.components = components
        self.token = token
    }
}

/// Changes to one row (or the static row) of a partition.
struct RowMutation: Sendable, Hashable {
    /// One column write.
    struct Write: Sendable, Hashable {
        /// The column's storage slot.
        var slot: Int
        /// The change.
        var change: CellWrite
    }

    /// The clustering values (empty for the static row and for tables without clustering).
    var clustering: [[UInt8]]
    /// Whether this targets the static row.
    var isStatic: Bool
    /// Primary-key liveness (INSERT only).
    var liveness: RowLiveness?
    /// A row deletion timestamp.
    var rowDeletion: Int64?
    /// Column writes.
    var writes: [Write]
    /// The write timestamp in microseconds.
    var timestamp: Int64
    /// The TTL in seconds (0 = none).
    var ttl: Int32
}
