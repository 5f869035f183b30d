import ECommerceApp
import Foundation
import XCTest

/// `/orders` over HTTP: the placing saga, the lifecycle and its stock effects.
final class OrderRoutesTests: ECommerceTestCase {
    func testPlacingAnOrderReservesStock() async throws {
        try await withApp { api, _ in
            let customer = try await api.createCustomer()
            let lamp = try await api.createProduct(name: "Lamp", priceCents: 3_499, stock: 10)
            let cable = try await api.createProduct(name: "Cable", priceCents: 999, stock: 5)
            let reply = try await api.placeOrder(customer: customer.id, [(lamp.id, 2), (cable.id, 5)])
            XCTAssertEqual(reply.status, .created, reply.text)
            let order = try reply.decode(OrderView.self)
            XCTAssertEqual(order.status, .placed)
            XCTAssertEqual(order.customerId, customer.id)
            XCTAssertEqual(order.totalCents, 2 * 3_499 + 5 * 999)
            XCTAssertEqual(order.itemCount, 7)
            XCTAssertEqual(order.version, 1)

            let lampAfter = try await api.product(lamp.id)
            let cableAfter = try await api.product(cable.id)
            XCTAssertEqual([lampAfter.stock, lampAfter.reserved], [8, 2])
            XCTAssertEqual([cableAfter.stock, cableAfter.reserved], [0, 5])
            let read = try await api.get("/orders/\(order.id)").decode(OrderView.self)
            XCTAssertEqual(read, order)
        }
    }

    func testInsufficientStockIsRejectedAndEarlierReservationsAreCompensated() async throws {
        try await withApp { api, _ in
            let customer = try await api.createCustomer()
            let plenty = try await api.createProduct(name: "Plenty", stock: 10)
            let scarce = try await api.createProduct(name: "Scarce", stock: 1)
            let reply = try await api.placeOrder(customer: customer.id, [(plenty.id, 3), (scarce.id, 2)])
            XCTAssertEqual(reply.status, .conflict)
            XCTAssertEqual(reply.errorCode, "insufficient_stock")
            let plentyAfter = try await api.product(plenty.id)
            let scarceAfter = try await api.product(scarce.id)
            XCTAssertEqual([plentyAfter.stock, plentyAfter.reserved], [10, 0], "the first line's reservation was released")
            XCTAssertEqual([scarceAfter.stock, scarceAfter.reserved], [1, 0])
            let orders = try await api.get("/customers/\(customer.id)/orders").decode([CustomerOrderJSON].self)
            XCTAssertEqual(orders, [], "no order was recorded")
        }
    }

    func testOrdersAreValidated() async throws {
        try await withApp { api, _ in
            let customer = try await api.createCustomer()
            let product = try await api.createProduct()
            let empty = try await api.placeOrder(customer: customer.id, [])
            XCTAssertEqual(empty.errorField, "lines")
            let zero = try await api.placeOrder(customer: customer.id, [(product.id, 0)])
            XCTAssertEqual(zero.errorField, "quantity")
            let twice = try await api.placeOrder(customer: customer.id, [(product.id, 1), (product.id, 1)])
            XCTAssertEqual(twice.errorField, "lines")
            let unknownProduct = try await api.placeOrder(customer: customer.id, [(UUID(), 1)])
            XCTAssertEqual(unknownProduct.errorCode, "validation_failed")
            XCTAssertEqual(unknownProduct.errorField, "lines")
            let unknownCustomer = try await api.placeOrder(customer: UUID(), [(product.id, 1)])
            XCTAssertEqual(unknownCustomer.errorField, "customerId")
            let untouched = try await api.product(product.id)
            XCTAssertEqual(untouched.stock, 10)
            let missing = try await api.get("/orders/\(UUID())")
            XCTAssertEqual(missing.errorCode, "not_found")
        }
    }

    func testPayShipAndIllegalTransitions() async throws {
        try await withApp { api, _ in
            let customer = try await api.createCustomer()
            let product = try await api.createProduct(stock: 5)
            let order = try await api.placeOrder(customer: customer.id, [(product.id, 2)]).decode(OrderView.self)

            let shipEarly = try await api.post("/orders/\(order.id)/ship", ["trackingNumber": "T1"])
            XCTAssertEqual(shipEarly.status, .conflict)
            XCTAssertEqual(shipEarly.errorCode, "illegal_transition")

            let paid = try await api.post("/orders/\(order.id)/pay", ["paymentReference": "PAY-1"]).decode(OrderView.self)
            XCTAssertEqual([paid.status.rawValue, paid.paymentReference], ["paid", "PAY-1"])
            XCTAssertEqual(paid.version, 2)
            let payTwice = try await api.post("/orders/\(order.id)/pay", ["paymentReference": "PAY-2"])
            XCTAssertEqual(payTwice.errorCode, "illegal_transition")

            let shipped = try await api.post("/orders/\(order.id)/ship", ["trackingNumber": "TRACK-9"]).decode(OrderView.self)
            XCTAssertEqual(shipped.status, .shipped)
            XCTAssertEqual(shipped.trackingNumber, "TRACK-9")
            let after = try await api.product(product.id)
            XCTAssertEqual([after.stock, after.reserved], [3, 0], "shipping consumes the reservation")

            let cancelShipped = try await api.post("/orders/\(order.id)/cancel", ["reason": "too late"])
            XCTAssertEqual(cancelShipped.errorCode, "illegal_transition")
            let emptyReference = try await api.post("/orders/\(order.id)/pay", ["paymentReference": ""])
            XCTAssertEqual(emptyReference.errorField, "paymentReference")
        }
    }

    func testCancellingReturnsTheStockAndIsFinal() async throws {
        try await withApp { api, _ in
            let customer = try await api.createCustomer()
            let product = try await api.createProduct(stock: 4)
            let order = try await api.placeOrder(customer: customer.id, [(product.id, 3)]).decode(OrderView.self)
            _ = try await api.post("/orders/\(order.id)/pay", ["paymentReference": "P"])
            let cancelled = try await api.post("/orders/\(order.id)/cancel", ["reason": "changed my mind"]).decode(OrderView.self)
            XCTAssertEqual(cancelled.status, .cancelled)
            XCTAssertEqual(cancelled.cancellationReason, "changed my mind")
            let after = try await api.product(product.id)
            XCTAssertEqual([after.stock, after.reserved], [4, 0])
            let payCancelled = try await api.post("/orders/\(order.id)/pay", ["paymentReference": "P2"])
            XCTAssertEqual(payCancelled.errorCode, "illegal_transition")
            let shipCancelled = try await api.post("/orders/\(order.id)/ship", ["trackingNumber": "T"])
            XCTAssertEqual(shipCancelled.errorCode, "illegal_transition")
        }
    }
}
