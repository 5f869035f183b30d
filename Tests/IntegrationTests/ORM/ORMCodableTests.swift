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
