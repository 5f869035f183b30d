import CassandraDriver
import CassandraORM
import CQLTesting
import XCTest

/// Migration modes against `system_schema` of a real server, including refusals.
final class ORMMigrationTests: XCTestCase {
    private let v1 = ModelSchema("products", fields: ["id": "uuid", "name": "text", "price": "double"], key: ["id"], indexes: ["name"])
    private let v2 = ModelSchema("products", fields: ["id": "uuid", "name": "text", "stock": "int", "tags": "map<text, int>"], key: ["id"],
                                 indexes: [.keys("tags").withName("products_tag_keys")])

    private func columns(_ client: CassandraClient) async throws -> Set<String> {
        let rows = try await client.driver.execute(
            "SELECT column_name FROM system_schema.columns WHERE keyspace_name = ? AND table_name = 'products'", client.keyspace)
        return Set(try rows.map { try $0["column_name", as: String.self] })
    }

    private func indexes(_ client: CassandraClient) async throws -> Set<String> {
        let rows = try await client.driver.execute(
            "SELECT index_name FROM system_schema.indexes WHERE keyspace_name = ? AND table_name = 'products'", client.keyspace)
        return Set(try rows.map { try $0["index_name", as: String.self] })
    }

    func testSafeCreatesThenAcceptsTheSameSchemaAndRefusesChanges() async throws {
        try await withTestClient(migration: .safe) { client in
            let plan = try await client.plan(v1)
            XCTAssertEqual(plan.first?.differences, [.tableMissing(table: "products")])
            await XCTAssertEqualAsync(try await columns(client), [], "plan is a dry run")
            _ = try await client.loadSchema(v1)
            await XCTAssertEqualAsync(try await columns(client), ["id", "name", "price"])
            await XCTAssertEqualAsync(try await indexes(client), ["products_name_idx"])
            _ = try await client.loadSchema(v1)
            await XCTAssertTrueAsync(try await client.plan(v1).allSatisfy(\.isEmpty))
            do {
                _ = try await client.loadSchema(v2)
                XCTFail("safe migration accepted a changed table")
            } catch let error as ORMError {
                XCTAssertEqual(error.code, .migrationRefused)
                XCTAssertEqual(Set(error.differences), [
                    .columnMissing(name: "stock", type: "int"), .columnMissing(name: "tags", type: "map<text, int>"),
                    .columnExtra(name: "price", type: "double"), .indexExtra(name: "products_name_idx"),
                    .indexMissing(name: "products_tag_keys", field: "tags"),
                ])
            }
            await XCTAssertEqualAsync(try await columns(client), ["id", "name", "price"], "nothing changed")
        }
    }

    func testAlterAddsAndDropsColumnsAndIndexesButRefusesKeyChanges() async throws {
        try await withTestClient(migration: .alter) { client in
            let first = try await client.loadSchema(v1)
            try await first.save(["id": client.uuid(), "name": "pen", "price": 1.5])
            let planned = try await client.plan(v2)
            XCTAssertEqual(planned.first?.statements.count, 5)
            let second = try await client.loadSchema(v2)
            await XCTAssertEqualAsync(try await columns(client), ["id", "name", "stock", "tags"])
            await XCTAssertEqualAsync(try await indexes(client), ["products_tag_keys"])
            await XCTAssertEqualAsync(try await second.find().first?["name"], "pen", "data kept")
            let rekeyed = ModelSchema("products", fields: ["id": "uuid", "name": "text", "stock": "int", "tags": "map<text, int>"],
                                      key: ["id", "name"])
            let refused = await ormErrorCode { _ = try await client.loadSchema(rekeyed) }
            XCTAssertEqual(refused, .migrationRefused)
            let retyped = ModelSchema("products", fields: ["id": "uuid", "name": "int", "stock": "int", "tags": "map<text, int>"], key: ["id"])
            let refusedType = await ormErrorCode { _ = try await client.loadSchema(retyped) }
            XCTAssertEqual(refusedType, .migrationRefused)
        }
    }

    func testDropRecreatesTheTableWhenTheKeyChanges() async throws {
        try await withTestClient(migration: .drop) { client in
            let first = try await client.loadSchema(v1)
            try await first.save(["id": client.uuid(), "name": "pen", "price": 1.5])
            let rekeyed = ModelSchema("products", fields: ["id": "uuid", "name": "text", "price": "double"], key: ["name", "id"],
                                      clusteringOrder: ["id": .desc])
            let plans = try await client.plan(rekeyed)
            XCTAssertEqual(plans.first?.statements.first, #"DROP TABLE IF EXISTS "\#(client.keyspace)"."products""#)
            let second = try await client.loadSchema(rekeyed)
            XCTAssertEqual(second.partitionKey, ["name"])
            await XCTAssertEqualAsync(try await second.count(), 0, "recreated empty")
            let kinds = try await client.driver.execute(
                "SELECT column_name, kind FROM system_schema.columns WHERE keyspace_name = ? AND table_name = 'products'", client.keyspace)
            let byName = Dictionary(uniqueKeysWithValues: try kinds.map { (try $0["column_name", as: String.self], try $0["kind", as: String.self]) })
            XCTAssertEqual(byName["name"], "partition_key")
            XCTAssertEqual(byName["id"], "clustering")
        }
    }
}

extension IndexDefinition {
    /// The index with an explicit name.
    func withName(_ name: String) -> IndexDefinition {
        var copy = self
        copy.name = name
        return copy
    }
}
