import CassandraORM
import XCTest

/// ``withTestClient(migration:userDefinedTypes:_:)`` for tests of materialized views: when
/// the server refuses views because they are disabled (the default of Cassandra 4 and 5 in
/// `cassandra.yaml`), the test is skipped with that reason instead of failing.
func withViewTestClient<T: Sendable>(migration: MigrationMode = .safe, _ body: (CassandraClient) async throws -> T) async throws -> T {
    do {
        return try await withTestClient(migration: migration, body)
    } catch let error as ORMError where error.code == .materializedViewsDisabled {
        throw XCTSkip("the server refuses materialized views: \(error.message)")
    }
}

/// The users of the view tests: a table keyed by `id`, a view keyed by `email` that selects
/// `name`, and a `SELECT *` view keyed by `age` with `id` descending.
func viewTestUsers(_ table: String = "users", extraFields: [String: FieldDefinition] = [:],
                   views: [String: MaterializedViewDefinition]? = nil) -> ModelSchema {
    ModelSchema(table, fields: ["id": "int", "email": "text", "name": "text", "age": "int"].merging(extraFields) { $1 }, key: ["id"],
                materializedViews: views ?? [
                    "\(table)_by_email": .init(select: ["name"], key: ["email", "id"]),
                    "\(table)_by_age": .init(key: ["age", "id"], clusteringOrder: ["id": .desc]),
                ])
}

/// The views of `table` in `system_schema.views`, by name, with their `include_all_columns`.
func viewsInSystemSchema(_ client: CassandraClient, of table: String) async throws -> [String: Bool] {
    let rows = try await client.driver.execute(
        "SELECT view_name, base_table_name, include_all_columns FROM system_schema.views WHERE keyspace_name = ?", client.keyspace)
    var views: [String: Bool] = [:]
    for row in rows where try row["base_table_name", as: String.self] == table {
        views[try row["view_name", as: String.self]] = try row["include_all_columns", as: Bool.self]
    }
    return views
}

/// The columns of a view (or table) in `system_schema.columns`.
func columnsInSystemSchema(_ client: CassandraClient, of table: String) async throws -> Set<String> {
    let rows = try await client.driver.execute(
        "SELECT column_name FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?", client.keyspace, table)
    return Set(try rows.map { try $0["column_name", as: String.self] })
}

/// Asserts that `value` becomes `expected` within 10 seconds: Cassandra builds a new view
/// from its table's existing rows in the background (the embedded server at once).
func XCTAssertEventuallyEqual<T: Equatable & Sendable>(_ value: () async throws -> T, _ expected: T, _ message: String = "",
                                                       file: StaticString = #filePath, line: UInt = #line) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    var last = try await value()
    while last != expected, ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(100))
        last = try await value()
    }
    XCTAssertEqual(last, expected, message, file: file, line: line)
}
