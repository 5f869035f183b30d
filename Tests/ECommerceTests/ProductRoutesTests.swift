import ECommerceApp
import Foundation
import XCTest

/// `/products` over HTTP.
final class ProductRoutesTests: ECommerceTestCase {
    func testProductsAreListedByCategory() async throws {
        try await withApp { api, _ in
            let lamp = try await api.createProduct(name: "Lamp", category: "home", priceCents: 3_499, stock: 4)
            let blanket = try await api.createProduct(name: "Blanket", category: "home", priceCents: 7_900, stock: 2)
            _ = try await api.createProduct(name: "Cable", category: "electronics", priceCents: 999, stock: 100)

            let home = try await api.get("/products?category=home")
            XCTAssertEqual(home.status, .ok)
            XCTAssertEqual(try home.decode([ProductJSON].self).map(\.id), [blanket.id, lamp.id])
            let none = try await api.get("/products?category=garden")
            XCTAssertEqual(try none.decode([ProductJSON].self), [])
            let missing = try await api.get("/products")
            XCTAssertEqual(missing.errorCode, "invalid_parameter")
            let read = try await api.product(lamp.id)
            XCTAssertEqual(read, lamp)
        }
    }

    func testInvalidProductsAreRejected() async throws {
        try await withApp { api, _ in
            struct Body: Encodable { var name: String; var category: String; var priceCents: Int64; var stock: Int32 }
            let free = try await api.post("/products", Body(name: "Free", category: "x", priceCents: 0, stock: 1))
            XCTAssertEqual(free.status, .unprocessableContent)
            XCTAssertEqual(free.errorField, "priceCents")
            let negative = try await api.post("/products", Body(name: "Neg", category: "x", priceCents: 1, stock: -1))
            XCTAssertEqual(negative.errorField, "stock")
            let badCategory = try await api.post("/products", Body(name: "Cat", category: "a b", priceCents: 1, stock: 1))
            XCTAssertEqual(badCategory.errorField, "category")
        }
    }

    func testStockAdjustmentsNeverGoBelowZero() async throws {
        try await withApp { api, _ in
            let product = try await api.createProduct(stock: 3)
            let added = try await api.post("/products/\(product.id)/stock", ["delta": 5])
            XCTAssertEqual(try added.decode(ProductJSON.self).stock, 8)
            let tooMany = try await api.post("/products/\(product.id)/stock", ["delta": -9])
            XCTAssertEqual(tooMany.status, .conflict)
            XCTAssertEqual(tooMany.errorCode, "insufficient_stock")
            let after = try await api.product(product.id)
            XCTAssertEqual(after.stock, 8)
        }
    }
}
