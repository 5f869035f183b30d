import CQLProtocol

/// A keyspace: replication settings, tables and user-defined types.
public struct KeyspaceDefinition: Sendable, Hashable {
    /// The keyspace name.
    public var name: String
    /// The replication map as stored in `system_schema.keyspaces.replication`.
    public var replication: [String: String]
    /// `durable_writes`.
    public var durableWrites: Bool
    /// Tables and materialized views by name (a view's schema carries its
    /// ``ViewDefinition``; Cassandra keeps both in one namespace).
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

    /// The materialized views of the table named `baseTable`, by name.
    public func views(of baseTable: String) -> [TableSchema] {
        tables.values.filter { $0.view?.baseTableName == baseTable }.sorted { $0.name < $1.name }
    }
}
