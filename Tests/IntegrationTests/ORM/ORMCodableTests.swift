import CassandraDriver
import CassandraORM
import CQLTesting
import Foundation
import XCTest

/// Typed `Codable` models.
final class ORMCodableTests: XCTestCase {
    struct Address: Codable, Equatable, Sendable {
        var street: String
        var zip: Int32?
    }

    struct Product: CassandraModel, Equatable {
        static let schema = ModelSchema("typed_products", fields: [
            "id": "uuid", "name": "text", "price": "double", "tags": "set<text>", "attributes": "map<text, int>",
            "address": "frozen<address>", "added": "timestamp", "stock": "int",
        ], key: ["id"], indexes: ["name"])
        var id: UUID
        var name: String
        var price: Double
        var tags: Set<String>?
        var attributes: [String: Int32]?
        var address: Address?
        var added: Date?
        var stock: Int32?
    }

    /// Every standard-library scalar, declared in another order than the table's columns.
    struct Scalars: CassandraModel, Equatable {
        static let schema = ModelSchema("typed_scalars", fields: [
            "id": "int", "flag": "boolean", "label": "text", "ratio": "double", "weight": "float", "total": "bigint",
            "small": "smallint", "tiny": "tinyint", "level": "int", "octet": "tinyint",
        ], key: ["id"])
        var tiny: Int8?
        var small: Int16
        var ratio: Double?
        var flag: Bool
        var label: String?
        var total: Int
        var weight: Float
        var level: Int64
        var octet: UInt8?
        var id: Int32
    }

    /// `Scalars`' table read with a property of the wrong type.
    struct MistypedScalars: CassandraModel {
        static let schema = Scalars.schema
        var id: Int32
        var label: Int32
    }

    func testScalarPropertiesDecodeFromTheirColumnsInAnyOrder() async throws {
        try await withTestClient { client in
            let scalars = try await client.model(Scalars.self)
            let full = Scalars(tiny: -3, small: 300, ratio: 0.25, flag: true, label: "full", total: 1 << 40, weight: 1.5, level: -7,
                               octet: 7, id: 1)
            let sparse = Scalars(tiny: nil, small: 1, ratio: nil, flag: false, label: nil, total: 0, weight: 0, level: 0, octet: nil, id: 2)
            try await scalars.save(full)
            try await scalars.save(sparse)
            await XCTAssertEqualAsync(try await scalars.findOne(where: ["id": 1]), full)
            await XCTAssertEqualAsync(try await scalars.findOne(where: ["id": 2]), sparse)
            await XCTAssertEqualAsync(try await scalars.query(where: ["id": .eq]).findOne(2), sparse)

            try await scalars.model.save(["id": 3, "flag": true, "small": .null, "total": 1, "weight": 1, "level": 1])
            let missing = await ormErrorCode { _ = try await scalars.findOne(where: ["id": 3]) }
            XCTAssertEqual(missing, .decodingFailed, "NULL in a non-optional property")
            let mistyped = await ormErrorCode { _ = try await client.model(MistypedScalars.self).findOne(where: ["id": 1]) }
            XCTAssertEqual(mistyped, .decodingFailed)
        }
    }

    func testTypedModelsRoundTrip() async throws {
        try await withTestClient(userDefinedTypes: [.init("address", fields: ["street": "text", "zip": "int"])]) { client in
            let notLoaded = await ormErrorCode { _ = try await Product.find() }
            XCTAssertEqual(notLoaded, .modelNotLoaded)
            try await client.loadSchema(Product.self)
            let pen = Product(id: UUID(), name: "pen", price: 1.5, tags: ["office"], attributes: ["w": 3],
                              address: Address(street: "Main", zip: nil), added: Date(timeIntervalSince1970: 1_700_000_000), stock: 4)
            let mug = Product(id: UUID(), name: "mug", price: 7, tags: nil, attributes: nil, address: nil, added: nil, stock: nil)
            try await pen.save()
            try await mug.save()
            await XCTAssertEqualAsync(try await Product.findOne(where: ["id": .uuid(pen.id)]), pen)
            await XCTAssertEqualAsync(try await Product.find(where: ["name": "mug"]), [mug])
            let cheap = try await Product.find(where: ["price": ["$lt": 5]], options: .init(allowFiltering: true))
            XCTAssertEqual(cheap.map(\.name), ["pen"])
            await XCTAssertEqualAsync(try await Product.count(), 2)
            try await Product.update(where: ["id": .uuid(mug.id)], set: ["stock": 10])
            await XCTAssertEqualAsync(try await Product.findOne(where: ["id": .uuid(mug.id)])?.stock, 10)
            var streamed = 0
            for try await product in Product.stream(options: .init(pageSize: 1)) {
                XCTAssertTrue([pen.id, mug.id].contains(product.id))
                streamed += 1
            }
            XCTAssertEqual(streamed, 2)
            try await pen.delete()
            await XCTAssertNilAsync(try await Product.findOne(where: ["id": .uuid(pen.id)]))
        }
    }
}
