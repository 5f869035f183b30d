import CassandraDriver
import CassandraORM
import CQLTesting
import Foundation
import XCTest

/// Typed models: `nil` optionals, per-client handles and the static API's binding, and the
/// statements cached behind them.
final class ORMTypedModelTests: XCTestCase {
    enum Size: String, Codable, Sendable {
        case small, large
    }

    /// `note` is in the schema but not in the type.
    struct Item: CassandraModel, Equatable {
        static let schema = ModelSchema("typed_items", fields: [
            "id": "int", "name": "text", "stock": "int", "tags": "set<text>", "size": "text", "note": "text",
        ], key: ["id"])
        var id: Int32
        var name: String?
        var stock: Int32?
        var tags: Set<String>?
        var size: Size?
    }

    /// The same row shape with timestamps, so saves take the general path.
    struct StampedItem: CassandraModel, Equatable {
        static let schema = ModelSchema("stamped_items", fields: ["id": "int", "name": "text", "stock": "int"], key: ["id"],
                                        options: .init(timestamps: .init()))
        var id: Int32
        var name: String?
        var stock: Int32?
    }

    /// An `Item` without its key.
    struct NoKey: CassandraModel {
        static let schema = Item.schema
        var id: Int32?
    }

    /// Bound to two clients in ``testTheStaticAPIIsBoundToOneConnectedClient``.
    struct Shared: CassandraModel, Equatable {
        static let schema = ModelSchema("shared_items", fields: ["id": "int", "name": "text"], key: ["id"])
        var id: Int32
        var name: String
    }

    func testANilOptionalWritesNullLikeADynamicSaveOfNull() async throws {
        try await withTestClient { client in
            let items = try await client.model(Item.self)
            try await items.model.save(["id": 1, "name": "pen", "stock": 4, "tags": ["a"], "size": "small", "note": "kept"])
            try await items.save(Item(id: 1, name: "pen", stock: nil, tags: nil, size: nil))
            await XCTAssertEqualAsync(try await items.findOne(where: ["id": 1]), Item(id: 1, name: "pen", stock: nil, tags: nil, size: nil))
            // A column the type does not declare is not written, as express-cassandra's undefined fields.
            await XCTAssertEqualAsync(try await items.model.findOne(["id": 1])?["note"], "kept")

            try await items.model.save(["id": 2, "name": "mug", "stock": 4])
            try await items.model.save(["id": 2, "stock": .null])
            let dynamic = try await items.model.findOne(["id": 2])
            XCTAssertEqual(dynamic?["stock"], .null)
            XCTAssertEqual(dynamic?["name"], "mug")

            try await items.save(Item(id: 3, name: "cup", stock: 2, tags: ["b", "c"], size: .large))
            await XCTAssertEqualAsync(try await items.findOne(where: ["id": 3]), Item(id: 3, name: "cup", stock: 2, tags: ["b", "c"], size: .large))
            let missingKey = await ormErrorCode { try await client.model(NoKey.self).save(NoKey(id: nil)) }
            XCTAssertEqual(missingKey, .missingPrimaryKey)
        }
    }

    func testANilOptionalWritesNullOnTheGeneralPathToo() async throws {
        try await withTestClient { client in
            let items = try await client.model(StampedItem.self)
            try await items.save(StampedItem(id: 1, name: "pen", stock: 4))
            try await items.save(StampedItem(id: 1, name: nil, stock: 5))
            await XCTAssertEqualAsync(try await items.findOne(where: ["id": 1]), StampedItem(id: 1, name: nil, stock: 5))
            let updated = try await items.model.findOne(["id": 1])?["updated_at"]
            XCTAssertNotEqual(updated, .null)
        }
    }

    func testTheStaticAPIIsBoundToOneConnectedClient() async throws {
        try await withTestClient { first in
            try await withTestClient { second in
                try await first.loadSchema(Shared.self)
                let rebound = await ormErrorCode { try await second.loadSchema(Shared.self) }
                XCTAssertEqual(rebound, .modelAlreadyBound)
                try await first.loadSchema(Shared.self)

                let handle = try await second.model(Shared.self)
                try await handle.save(Shared(id: 1, name: "second"))
                try await Shared(id: 2, name: "first").save()
                await XCTAssertEqualAsync(try await handle.find(), [Shared(id: 1, name: "second")])
                await XCTAssertEqualAsync(try await Shared.find(), [Shared(id: 2, name: "first")])
                XCTAssertTrue(try Shared.model.client === first)

                try await first.close()
                try await second.loadSchema(Shared.self)
                await XCTAssertEqualAsync(try await Shared.find(), [Shared(id: 1, name: "second")])
            }
        }
    }

    func testCachedStatementsFollowOptionsAndReconnects() async throws {
        try await withTestClient { client in
            let items = try await client.model(Item.self)
            try await items.save(Item(id: 1, name: "pen", stock: 1, tags: nil, size: nil))
            await XCTAssertEqualAsync(try await items.save(Item(id: 1, name: "pen", stock: 1, tags: nil, size: nil),
                                                           options: .init(ifNotExists: true)).applied, false)
            try await items.save(Item(id: 2, name: "mug", stock: 1, tags: nil, size: nil), options: .init(ttl: 100, timestamp: 10))
            try await items.save(Item(id: 2, name: "old", stock: 1, tags: nil, size: nil), options: .init(timestamp: 5))
            await XCTAssertEqualAsync(try await items.findOne(where: ["id": 2])?.name, "mug")
            let tooLow = await ormErrorCode { _ = try await items.findOne(where: ["id": 2], options: .init(perPartitionLimit: 0)) }
            XCTAssertEqual(tooLow, .invalidQuery)
            await XCTAssertEqualAsync(try await items.count(where: ["id": ["$in": [1, 2, 3]]]), 2)
            await XCTAssertEqualAsync(try await items.count(where: ["id": ["$in": [1]]]), 1)

            try await client.close()
            try await client.connect()
            try await items.save(Item(id: 3, name: "cup", stock: nil, tags: nil, size: nil))
            await XCTAssertEqualAsync(try await items.findOne(where: ["id": 3])?.name, "cup")
            await XCTAssertEqualAsync(try await items.model.findOne(["id": 1])?["name"], "pen")
        }
    }
}
