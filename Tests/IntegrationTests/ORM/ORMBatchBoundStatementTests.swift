import CassandraDriver
import CassandraORM
import CQLTesting
import XCTest

/// ``ORMBatch`` seams for outbox-style writes: statements bound outside the ORM join the
/// logged batch, and batch writes return the values they write.
final class ORMBatchBoundStatementTests: XCTestCase {
    func testABoundStatementJoinsTheBatchAndWritesReturnTheirFinalValues() async throws {
        try await withTestClient { client in
            var hooks = ModelHooks()
            hooks.beforeSave = { values in values["name"] = values["name"]?.stringValue.map { .string($0.uppercased()) } ?? .null }
            hooks.beforeUpdate = { _, set in set["name"] = "RENAMED" }
            let Item = try await client.loadSchema("items", fields: ["id": "int", "name": "text", "stock": "int"], key: ["id"],
                                                   hooks: hooks)
            let session = try client.driver
            try await session.execute("CREATE TABLE IF NOT EXISTS \(client.keyspace).outbox (id int PRIMARY KEY, note text)")
            _ = try await session.waitForSchemaAgreement()
            let insert = try await session.prepare("INSERT INTO \(client.keyspace).outbox (id, note) VALUES (?, ?)")
            let result = try await client.batch { batch in
                let saved = try await batch.save(Item, ["id": 1, "name": "pen", "stock": 3])
                XCTAssertEqual(saved["name"], "PEN")
                let updated = try await batch.update(Item, where: ["id": 2], set: ["name": "x"])
                XCTAssertEqual(updated.where, ["id": 2])
                XCTAssertEqual(updated.set, ["name": "RENAMED"])
                let deleted = try await batch.delete(Item, where: ["id": 3])
                XCTAssertEqual(deleted, ["id": 3])
                batch.add(try insert.bind(Int32(1), "pen saved"), table: "outbox")
            }
            XCTAssertTrue(result.applied)
            await XCTAssertEqualAsync(try await Item.findOne(["id": 1])?["name"], "PEN")
            await XCTAssertEqualAsync(try await Item.findOne(["id": 2])?["name"], "RENAMED")
            let notes = try await session.execute("SELECT note FROM \(client.keyspace).outbox WHERE id = 1")
            XCTAssertEqual(try notes.first?[0, as: String.self], "pen saved")
        }
    }
}
