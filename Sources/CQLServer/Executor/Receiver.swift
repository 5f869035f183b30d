import CQLProtocol

/// What a term is assigned to: a column (or a derived receiver such as `[ttl]`) with its
/// type. Names appear in error messages and in PREPARED variable metadata.
struct Receiver: Sendable, Hashable {
    /// The keyspace of the statement's table.
    var keyspace: String
    /// The table.
    var table: String
    /// The receiver's name, e.g. `v`, `[ttl]`, `key(m)`, `value(m)`, `in(c)`.
    var name: String
    /// The expected type.
    var type: CQLType

    /// A receiver named after a column.
    init(keyspace: String, table: String, name: String, type: CQLType) {
        self.keyspace = keyspace
        self.table = table
        self.name = name
        self.type = type
    }

    /// The same receiver with another name and type (collection keys, values, IN lists).
    func derived(name: String, type: CQLType) -> Receiver {
        Receiver(keyspace: keyspace, table: table, name: name, type: type)
    }
}
