import ECommerceApp
import Foundation
import XCTest

/// Concurrent commands over HTTP: optimistic concurrency on the order stream (LWT appends) and
/// compare-and-set stock reservations.
final class OrderConcurrencyTests: ECommerceTestCase {
    private struct Command: Encodable {
        var paymentReference: String?
        var reason: String?
        var expectedVersion: Int64?
    }

    func testConcurrentCommandsOnOneOrderApplyExactlyOnce() async throws {
        try await withApp { api, _ in
            let customer = try await api.createCustomer()
            let product = try await api.createProduct(stock: 5)
            let order = try await api.placeOrder(customer: customer.id, [(product.id, 1)]).decode(OrderView.self)

            let replies = try await withThrowingTaskGroup(of: ECommerceTestCase.Reply.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await api.onNewConnection { try await $0.post("/orders/\(order.id)/pay", Command(paymentReference: "PAY-\(index)")) }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            XCTAssertEqual(replies.filter { $0.status == .ok }.count, 1, replies.map(\.text).joined(separator: "\n"))
            XCTAssertEqual(Set(replies.filter { $0.status != .ok }.map(\.errorCode)), ["illegal_transition"])
            let final = try await api.get("/orders/\(order.id)").decode(OrderView.self)
            XCTAssertEqual(final.status, .paid)
            XCTAssertEqual(final.version, 2, "exactly one payment event was appended")
        }
    }

    func testExpectedVersionMakesRacingCommandsConflict() async throws {
        try await withApp { api, _ in
            let customer = try await api.createCustomer()
            let product = try await api.createProduct(stock: 5)
            let order = try await api.placeOrder(customer: customer.id, [(product.id, 2)]).decode(OrderView.self)

            let stale = try await api.post("/orders/\(order.id)/pay", Command(paymentReference: "P", expectedVersion: 7))
            XCTAssertEqual(stale.status, .conflict)
            XCTAssertEqual(stale.errorCode, "concurrency_conflict")

            async let pay = api.onNewConnection { try await $0.post("/orders/\(order.id)/pay", Command(paymentReference: "P", expectedVersion: 1)) }
            async let cancel = api.onNewConnection { try await $0.post("/orders/\(order.id)/cancel", Command(reason: "no", expectedVersion: 1)) }
            let replies = try await [pay, cancel]
            XCTAssertEqual(replies.filter { $0.status == .ok }.count, 1, replies.map(\.text).joined(separator: "\n"))
            let loser = try XCTUnwrap(replies.first { $0.status != .ok })
            XCTAssertEqual(loser.errorCode, "concurrency_conflict")
            let final = try await api.get("/orders/\(order.id)").decode(OrderView.self)
            XCTAssertEqual(final.version, 2)
            let stock = try await api.product(product.id)
            XCTAssertEqual(stock.stock + stock.reserved, 5)
            XCTAssertEqual(stock.reserved, final.status == .cancelled ? 0 : 2)
        }
    }

    func testConcurrentOrdersNeverOversell() async throws {
        try await withApp { api, _ in
            let customer = try await api.createCustomer()
            let product = try await api.createProduct(stock: 5)
            let replies = try await withThrowingTaskGroup(of: ECommerceTestCase.Reply.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await api.onNewConnection { try await $0.placeOrder(customer: customer.id, [(product.id, 1)]) } }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            XCTAssertEqual(replies.filter { $0.status == .created }.count, 5, replies.map(\.text).joined(separator: "\n"))
            XCTAssertEqual(replies.filter { $0.errorCode == "insufficient_stock" }.count, 3)
            let after = try await api.product(product.id)
            XCTAssertEqual([after.stock, after.reserved], [0, 5])
        }
    }
}
