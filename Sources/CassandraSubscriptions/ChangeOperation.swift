/// The kind of write a change records.
public enum ChangeOperation: String, Sendable, Hashable, CaseIterable, Codable {
    /// A ``CassandraORM/Model/save(_:options:)``: an `INSERT` (an upsert in Cassandra).
    case insert
    /// A ``CassandraORM/Model/update(where:set:options:)``.
    case update
    /// A ``CassandraORM/Model/delete(where:options:)``.
    case delete
}
