import CQLProtocol

/// A keyspace: replication settings, tables and user-defined types.
public struct KeyspaceDefinition: Sendable, Hashable {
    /// The keyspace name.
    public var name: String
    /// The replication map as stored in `system_schema.keyspaces.replication`.
    public var replication: [String: String]
    /// `durable_writes`.
    public var durableWrites: Bool
    /// Tables by name.
    public var tables: [String: TableSchema] = [:]
    /// User-defined types by name, in creation order.
    public var types: [CQLType.UserDefinedType] = []

    /// Creates a keyspace definition.
    public init(name: String, replication: [String: String], durableWrites: Bool = true) {
        self.name = name
        self.replication = replication
        self.durableWrites = durableWrites
    }

    /// The user-defined type named `name`.
    public func type(named name: String) -> CQLType.UserDefinedType? {
        types.first { $0.name == name }
    }
}
