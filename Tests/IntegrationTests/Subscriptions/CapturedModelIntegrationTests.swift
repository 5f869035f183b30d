import CassandraDriver
import CassandraORM
import CassandraSubscriptions
import CQLTesting
import Foundation
import XCTest

/// ``CapturedModel`` against a real server: each write and its change row are one logged batch.
final class CapturedModelIntegrationTests: XCTestCase {
    private typealias Fixtures = SubscriptionFixtures

    /// All changes of `orders` in the buckets from `from` to now.
    private func changes(_ setup: Fixtures.Setup, since from: Date) async throws -> [ChangeEvent] {
        var result: [ChangeEvent] = []
        let first = setup.log.buckets.bucket(containing: from), last = setup.log.buckets.bucket(containing: Date())
        for bucket in first...last { result += try await setup.log.changes(table: "orders", bucket: bucket) }
        return result
    }

    func testEachWriteRecordsItsChangeWithTheWrittenValues() async throws {
        try await Fixtures.withChangeLog { setup in
            let start = Date()
            let id = UUID()
            try await setup.orders.save(["id": .uuid(id), "status": "new", "total": 10, "tags": ["a"]])
            try await setup.orders.update(where: ["id": .uuid(id)], set: ["status": "paid", "tags": ["$add": ["b"]]])
            try await setup.orders.delete(where: ["id": .uuid(id)])
            let changes = try await changes(setup, since: start)
            XCTAssertEqual(changes.map(\.operation), [.insert, .update, .delete])
            XCTAssertEqual(changes[0].key, ["id": .uuid(id)])
            XCTAssertEqual(changes[0].values["status"], "new")
            XCTAssertEqual(changes[0].values["total"], 10)
            XCTAssertEqual(changes[1].values, ["status": "paid", "tags": ["$add": ["b"]]])
            XCTAssertEqual(changes[2].key, ["id": .uuid(id)])
            XCTAssertEqual(changes[2].values, [:])
            XCTAssertTrue(ChangeID.precedes(changes[0].id, changes[1].id) && ChangeID.precedes(changes[1].id, changes[2].id))
            for change in changes { XCTAssertEqual(change.bucket, setup.log.buckets.bucket(of: change.id)) }
        }
    }

    func testAFailedBatchWritesNeitherTheRowNorTheChange() async throws {
        try await Fixtures.withChangeLog { setup in
            let session = try setup.client.driver
            // A change row that cannot be written (its table is gone) must take the data write with it.
            try await session.execute("DROP TABLE \(setup.client.keyspace).change_log")
            _ = try await session.waitForSchemaAgreement()
            let id = UUID()
            do {
                try await setup.orders.save(["id": .uuid(id), "status": "new"])
                XCTFail("the save succeeded without its change table")
            } catch let error as SubscriptionError {
                XCTAssertTrue([.driver, .orm].contains(error.code), "\(error)")
            }
            let row = try await setup.orders.model.findOne(["id": .uuid(id)])
            XCTAssertNil(row)
        }
    }

    func testConditionalWritesRecordAChangeOnlyWhenApplied() async throws {
        try await Fixtures.withChangeLog { setup in
            let start = Date()
            let id = UUID()
            let first = try await setup.orders.save(["id": .uuid(id), "status": "new"], options: .init(ifNotExists: true))
            let second = try await setup.orders.save(["id": .uuid(id), "status": "dup"], options: .init(ifNotExists: true))
            let failed = try await setup.orders.update(where: ["id": .uuid(id)], set: ["status": "x"],
                                                       options: .init(conditions: ["status": "paid"]))
            let applied = try await setup.orders.update(where: ["id": .uuid(id)], set: ["status": "paid"],
                                                        options: .init(conditions: ["status": "new"]))
            XCTAssertEqual([first.applied, second.applied, failed.applied, applied.applied], [true, false, false, true])
            let changes = try await changes(setup, since: start)
            XCTAssertEqual(changes.map(\.operation), [.insert, .update])
            XCTAssertEqual(changes.map { $0.values["status"] }, ["new", "paid"])
        }
    }

    func testSeveralCapturedWritesShareOneBatch() async throws {
        try await Fixtures.withChangeLog { setup in
            let start = Date()
            let (a, b) = (UUID(), UUID())
            try await setup.client.batch { batch in
                try await batch.save(setup.orders, ["id": .uuid(a), "status": "new"])
                try await batch.save(setup.orders, ["id": .uuid(b), "status": "new"])
            }
            let changes = try await changes(setup, since: start)
            XCTAssertEqual(Set(changes.compactMap { $0.key["id"]?.uuidValue }), [a, b])
            let rows = try await setup.orders.model.find(["id": ["$in": [.uuid(a), .uuid(b)]]])
            XCTAssertEqual(rows.count, 2)
            do {
                try await setup.client.batch { batch in
                    try await batch.save(setup.orders, ["id": .uuid(UUID())], options: .init(ifNotExists: true))
                }
                XCTFail("a conditional captured write joined a batch")
            } catch let error as SubscriptionError {
                XCTAssertEqual(error.code, .invalidArgument)
            }
        }
    }
}
