import CassandraDriver
import CassandraORM
import CQLTesting
import Synchronization
import XCTest

/// Hooks around writes and logged batches across models.
final class ORMHooksBatchTests: XCTestCase {
    private struct Cancelled: Error {}

    func testHooksChangeValuesCancelWritesAndRunAfterwards() async throws {
        try await withTestClient { client in
            let log = Mutex<[String]>([])
            var hooks = ModelHooks()
            hooks.beforeSave = { values in
                if values["name"] == "forbidden" { throw Cancelled() }
                values["name"] = values["name"]?.stringValue.map { .string($0.uppercased()) } ?? .null
            }
            hooks.afterSave = { values in log.withLock { $0.append("saved \(values["name"]?.stringValue ?? "")") } }
            hooks.beforeUpdate = { _, set in set["name"] = "UPDATED" }
            hooks.afterUpdate = { _, _ in log.withLock { $0.append("updated") } }
            hooks.beforeDelete = { _ in log.withLock { $0.append("deleting") } }
            hooks.afterDelete = { _ in log.withLock { $0.append("deleted") } }
            let Item = try await client.loadSchema("items", fields: ["id": "int", "name": "text"], key: ["id"], hooks: hooks)
            try await Item.save(["id": 1, "name": "pen"])
            await XCTAssertEqualAsync(try await Item.findOne(["id": 1])?["name"], "PEN")
            let cancelled = await ormErrorCode { try await Item.save(["id": 2, "name": "forbidden"]) }
            XCTAssertEqual(cancelled, .hookFailed)
            await XCTAssertNilAsync(try await Item.findOne(["id": 2]))
            try await Item.update(where: ["id": 1], set: ["name": "x"])
            await XCTAssertEqualAsync(try await Item.findOne(["id": 1])?["name"], "UPDATED")
            try await Item.delete(where: ["id": 1])
            XCTAssertEqual(log.withLock { $0 }, ["saved PEN", "updated", "deleting", "deleted"])
        }
    }

    func testBatchWritesSeveralModelsAtomically() async throws {
        try await withTestClient { client in
            let Order = try await client.loadSchema("orders", fields: ["id": "int", "user": "int", "total": "double"], key: ["id"])
            let User = try await client.loadSchema("buyers", fields: ["id": "int", "orders": "set<int>",
                                                                      "email": .init(type: "text", unique: true)], key: ["id"])
            try await User.save(["id": 7, "orders": [], "email": "b@x.io"])
            try await client.batch { batch in
                try await batch.save(Order, ["id": 1, "user": 7, "total": 9.5])
                try await batch.save(Order, ["id": 2, "user": 7, "total": 1])
                try await batch.update(User, where: ["id": 7], set: ["orders": ["$add": [1, 2]]])
                try await batch.delete(Order, where: ["id": 3])
            }
            await XCTAssertEqualAsync(try await Order.count(), 2)
            await XCTAssertEqualAsync(try await User.findOne(["id": 7])?["orders"], [1, 2])
            let refused = await ormErrorCode {
                try await client.batch { batch in try await batch.update(User, where: ["id": 7], set: ["email": "c@x.io"]) }
            }
            XCTAssertEqual(refused, .unsupported)
            let failing = await ormErrorCode {
                try await client.batch { batch in
                    try await batch.save(Order, ["id": 4, "user": 7, "total": 1])
                    try await batch.save(Order, ["id": 5, "total": "not a number"])
                }
            }
            XCTAssertEqual(failing, .invalidValue)
            await XCTAssertNilAsync(try await Order.findOne(["id": 4]), "nothing of a failed batch applies")
        }
    }
}
