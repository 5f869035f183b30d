import CassandraEventSourcing
import CQLTesting
@testable import ECommerceApp
import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest

/// Start-up behaviour: the projection catches up on events it missed, and seeding is
/// idempotent.
final class ECommercePlatformTests: ECommerceTestCase {
    func testStartupHandlesEventsACrashLeftUnprojected() async throws {
        try await withTestSession { _, keyspace in
            let target = try await TestServer.shared.target()
            let first = try await ECommercePlatform.connect(contactPoints: target.contactPoints, keyspace: keyspace)
            let customer: Customer
            let product: Product
            let paidID: UUID, cancelledID: UUID
            do {
                customer = try await first.customers.create(email: "late@example.com", name: "Late")
                product = try await first.products.create(name: "Thing", description: "", category: "misc", priceCents: 100, stock: 5)
                paidID = try await first.orders.place(customerID: customer.id, lines: [.init(productId: product.id, quantity: 1)]).id
                cancelledID = try await first.orders.place(customerID: customer.id, lines: [.init(productId: product.id, quantity: 2)]).id
                // Append through the repository alone, as if the process died right after.
                let metadata = [OrderService.customerMetadataKey: customer.id.uuidString]
                var paid = try await first.orders.repository.load(id: paidID.uuidString)
                try paid.raise(try paid.state.pay(reference: "P", at: Date()))
                try await first.orders.repository.save(&paid, metadata: metadata)
                var cancelled = try await first.orders.repository.load(id: cancelledID.uuidString)
                try cancelled.raise(try cancelled.state.cancel(reason: "crash", at: Date()))
                try await first.orders.repository.save(&cancelled, metadata: metadata)
                let stale = try await first.orders.orders(of: customer.id, limit: 10)
                XCTAssertEqual(stale.map(\.status), ["placed", "placed"])
                let held = try await first.products.get(product.id)
                XCTAssertEqual(held.stock, 2)
            } catch {
                try? await first.close()
                throw error
            }
            try await first.close()

            let second = try await ECommercePlatform.connect(contactPoints: target.contactPoints, keyspace: keyspace)
            do {
                let rows = try await second.orders.orders(of: customer.id, limit: 10)
                XCTAssertEqual(rows.map(\.orderID), [cancelledID, paidID])
                XCTAssertEqual(rows.map(\.status), ["cancelled", "paid"])
                XCTAssertEqual(rows.map(\.version), [2, 2])
                let released = try await second.products.get(product.id)
                XCTAssertEqual(released.stock, 4, "the cancelled order's two units are back")
                XCTAssertEqual(released.reservations, [paidID.uuidString: 1])
            } catch {
                try? await second.close()
                throw error
            }
            try await second.close()
        }
    }

    func testSeedingTwiceAddsNothingTheSecondTime() async throws {
        try await withApp { api, platform in
            let added = try await DemoData.seed(platform)
            XCTAssertEqual(added.products, DemoData.products.count)
            XCTAssertEqual(added.customers, DemoData.customers.count)
            let again = try await DemoData.seed(platform)
            XCTAssertEqual(again.products, 0)
            XCTAssertEqual(again.customers, 0)
            let home = try await api.get("/products?category=home").decode([ProductJSON].self)
            XCTAssertEqual(home.map(\.name), ["Desk lamp", "Wool blanket"])
        }
    }
}
