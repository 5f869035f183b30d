import ECommerceApp
import Foundation
import XCTest

/// `/customers` over HTTP.
final class CustomerRoutesTests: ECommerceTestCase {
    func testCreateAndReadACustomerAndRejectADuplicateEmail() async throws {
        try await withApp { api, _ in
            let created = try await api.createCustomer(email: "Ann@Example.com")
            XCTAssertEqual(created.email, "ann@example.com")
            let read = try await api.get("/customers/\(created.id)")
            XCTAssertEqual(read.status, .ok)
            XCTAssertEqual(try read.decode(CustomerJSON.self), created)

            let duplicate = try await api.post("/customers", ["email": "ann@EXAMPLE.com", "name": "Another Ann"])
            XCTAssertEqual(duplicate.status, .conflict)
            XCTAssertEqual(duplicate.errorCode, "duplicate")
            XCTAssertEqual(duplicate.errorField, "email")
        }
    }

    func testInvalidInputGetsTypedErrors() async throws {
        try await withApp { api, _ in
            let badEmail = try await api.post("/customers", ["email": "not-an-email", "name": "X"])
            XCTAssertEqual(badEmail.status, .unprocessableContent)
            XCTAssertEqual(badEmail.errorCode, "validation_failed")
            XCTAssertEqual(badEmail.errorField, "email")

            let emptyName = try await api.post("/customers", ["email": "x@example.com", "name": "   "])
            XCTAssertEqual(emptyName.errorCode, "validation_failed")
            XCTAssertEqual(emptyName.errorField, "name")

            let malformed = try await api.send(.post, "/customers", json: "{\"email\": ")
            XCTAssertEqual(malformed.status, .badRequest)
            XCTAssertEqual(malformed.errorCode, "invalid_json")

            let wrongShape = try await api.send(.post, "/customers", json: "{\"email\": 42}")
            XCTAssertEqual(wrongShape.errorCode, "invalid_json")

            let badID = try await api.get("/customers/not-a-uuid")
            XCTAssertEqual(badID.status, .badRequest)
            XCTAssertEqual(badID.errorCode, "invalid_parameter")

            let missing = try await api.get("/customers/\(UUID())")
            XCTAssertEqual(missing.status, .notFound)
            XCTAssertEqual(missing.errorCode, "not_found")

            let noRoute = try await api.get("/nowhere")
            XCTAssertEqual(noRoute.status, .notFound)
            XCTAssertEqual(noRoute.errorCode, "route_not_found")
        }
    }
}
