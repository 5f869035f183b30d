@testable import ECommerceApp
import Foundation
import XCTest

/// The orders-by-customer read model kept by the projector.
final class CustomerOrdersProjectionTests: ECommerceTestCase {
    func testACustomersOrdersFollowTheirEventsNewestFirst() async throws {
        try await withApp { api, platform in
            let ann = try await api.createCustomer()
            let bob = try await api.createCustomer()
            let product = try await api.createProduct(priceCents: 250, stock: 20)
            let first = try await api.placeOrder(customer: ann.id, [(product.id, 1)]).decode(OrderView.self)
            let second = try await api.placeOrder(customer: ann.id, [(product.id, 3)]).decode(OrderView.self)
            let third = try await api.placeOrder(customer: ann.id, [(product.id, 2)]).decode(OrderView.self)
            _ = try await api.placeOrder(customer: bob.id, [(product.id, 1)])
            _ = try await api.post("/orders/\(first.id)/pay", ["paymentReference": "P"])
            _ = try await api.post("/orders/\(first.id)/ship", ["trackingNumber": "T"])
            _ = try await api.post("/orders/\(second.id)/cancel", ["reason": "dup"])

            let rows = try await api.get("/customers/\(ann.id)/orders").decode([CustomerOrderJSON].self)
            XCTAssertEqual(rows.map(\.orderId), [third.id, second.id, first.id])
            XCTAssertEqual(rows.map(\.status), ["placed", "cancelled", "shipped"])
            XCTAssertEqual(rows.map(\.totalCents), [500, 750, 250])
            XCTAssertEqual(rows.map(\.version), [1, 2, 3])
            let limited = try await api.get("/customers/\(ann.id)/orders?limit=1").decode([CustomerOrderJSON].self)
            XCTAssertEqual(limited.map(\.orderId), [third.id])
            let bobs = try await api.get("/customers/\(bob.id)/orders").decode([CustomerOrderJSON].self)
            XCTAssertEqual(bobs.count, 1)
            let badLimit = try await api.get("/customers/\(ann.id)/orders?limit=0")
            XCTAssertEqual(badLimit.errorField, "limit")

            let replayed = try await platform.orders.projection.catchUpAll()
            XCTAssertEqual(replayed, 0, "every event was projected already")
        }
    }
}
