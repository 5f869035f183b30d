import CassandraORM
import CassandraSubscriptions
import CQLProtocol
import CQLTesting
import ECommerceApp
import Foundation
import Hummingbird
import HummingbirdTesting
import XCTest

/// Notifications over HTTP: captured writes delivered by the background subscriptions into the
/// customer inbox and the low-stock feed, idempotently, by one app instance at a time.
final class NotificationRoutesTests: ECommerceTestCase {
    struct NotificationJSON: Decodable, Equatable {
        var kind: String
        var topic: String
        var title: String
        var orderId: UUID?
    }

    struct AlertJSON: Decodable, Equatable {
        var productId: UUID
        var productName: String
        var stock: Int32
        var stockChange: Int32
        var threshold: Int32
    }

    func testWelcomeAndOrderStatusesReachTheInbox() async throws {
        try await withApp { api, _ in
            let customer = try await api.createCustomer()
            let product = try await api.createProduct(stock: 50)
            let placed = try await api.placeOrder(customer: customer.id, [(product.id, 2)])
            XCTAssertEqual(placed.status, .created, placed.text)
            let order = try placed.decode(OrderView.self)
            let paid = try await api.post("/orders/\(order.id)/pay", ["paymentReference": "pay-1"])
            XCTAssertEqual(paid.status, .ok, paid.text)

            var inbox: [NotificationJSON] = []
            try await eventually("welcome, placed and paid in the inbox") {
                inbox = try await api.get("/customers/\(customer.id)/notifications").decode([NotificationJSON].self)
                return inbox.count == 3
            }
            let orderTopic = "order:\(order.id.uuidString.lowercased()):"
            XCTAssertEqual(inbox.map(\.topic), [orderTopic + "paid", orderTopic + "placed", "welcome"], "newest first")
            XCTAssertEqual(inbox.map(\.kind), ["order_status", "order_status", "welcome"])
            XCTAssertEqual(inbox.first?.orderId, order.id)

            var dashboard = try await api.get("/dashboard").decode(DashboardSnapshot.self)
            try await eventually("the statistics count the deliveries") {
                dashboard = try await api.get("/dashboard").decode(DashboardSnapshot.self)
                return dashboard.subscriptions.first { $0.name == "order-notifications" }?.delivered == 2
                    && dashboard.subscriptions.first { $0.name == "welcome-notifications" }?.delivered == 1
            }
            let welcome = try XCTUnwrap(dashboard.subscriptions.first { $0.name == "welcome-notifications" })
            XCTAssertEqual(welcome.table, "customers")
            XCTAssertEqual(welcome.delivered, 1)
            XCTAssertEqual(welcome.leasesAcquired, 1)
            XCTAssertGreaterThan(welcome.polls, 0)
            // Measured: at least the settle delay (100 ms) passes between a change and its delivery.
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(welcome.lastLagSeconds), 0.1)

            let unknown = try await api.get("/customers/\(UUID())/notifications")
            XCTAssertEqual(unknown.errorCode, "not_found")
            let badLimit = try await api.get("/customers/\(customer.id)/notifications?limit=x")
            XCTAssertEqual(badLimit.errorCode, "invalid_parameter")
        }
    }

    func testOnlyStockDecreasesBelowTheThresholdRaiseAlerts() async throws {
        try await withApp(notifications: Self.fastNotifications(lowStockThreshold: 5)) { api, _ in
            let product = try await api.createProduct(name: "Lamp", stock: 10)
            for delta in [-3, -4, 1, -1] as [Int32] {   // 7 (above), 3 (alert), 4 (an increase), 3 (alert)
                let reply = try await api.post("/products/\(product.id)/stock", ["delta": delta])
                XCTAssertEqual(reply.status, .ok, reply.text)
            }
            var alerts: [AlertJSON] = []
            try await eventually("two alerts") {
                alerts = try await api.get("/admin/alerts").decode([AlertJSON].self)
                return alerts.count >= 2
            }
            var dashboard = try await api.get("/dashboard").decode(DashboardSnapshot.self)
            try await eventually("all five changes handled") {
                dashboard = try await api.get("/dashboard").decode(DashboardSnapshot.self)
                let lowStock = dashboard.subscriptions.first { $0.name == "low-stock-alerts" }
                return (lowStock?.delivered ?? 0) + (lowStock?.skipped ?? 0) >= 5
            }
            alerts = try await api.get("/admin/alerts").decode([AlertJSON].self)
            XCTAssertEqual(alerts, [
                AlertJSON(productId: product.id, productName: "Lamp", stock: 3, stockChange: -1, threshold: 5),
                AlertJSON(productId: product.id, productName: "Lamp", stock: 3, stockChange: -4, threshold: 5),
            ])
            let lowStock = try XCTUnwrap(dashboard.subscriptions.first { $0.name == "low-stock-alerts" })
            XCTAssertEqual(lowStock.delivered, 2)
            XCTAssertEqual(lowStock.skipped, 3, "the insert, the decrease to 7 and the increase")

            let badDays = try await api.get("/admin/alerts?days=0")
            XCTAssertEqual(badDays.status, .unprocessableContent)
            XCTAssertEqual(badDays.errorField, "days")
        }
    }

    func testDeliveringAChangeAgainChangesNothing() async throws {
        try await withApp { api, platform in
            let customer = try await api.createCustomer()
            try await eventually("the welcome") {
                try await api.get("/customers/\(customer.id)/notifications").decode([NotificationJSON].self).count == 1
            }
            // The same changes again, as after a crash between the handler and the checkpoint.
            let log = platform.notifications.changeLog
            let bucket = log.buckets.bucket(containing: Date())
            var changes: [ChangeEvent] = []
            for candidate in [bucket - 1, bucket] { changes += try await log.changes(table: "customers", bucket: candidate) }
            let change = try XCTUnwrap(changes.first { $0.key["id"]?.uuidValue == customer.id })
            try await platform.notifications.writer.welcome(change)
            try await platform.notifications.writer.welcome(change)
            let inbox = try await api.get("/customers/\(customer.id)/notifications").decode([NotificationJSON].self)
            XCTAssertEqual(inbox.map(\.topic), ["welcome"])

            let created = Date()
            let orderID = UUID()
            let placed = ChangeEvent(
                id: UUID.timeBased(), table: "orders_by_customer", operation: .insert,
                key: ["customer_id": .uuid(customer.id), "order_id": .uuid(orderID)],
                values: ["status": .string("placed"), "placed_at": .date(created), "updated_at": .date(created), "total_cents": .int(500)],
                bucket: bucket)
            // The projection replaying an event records a second change with the same values.
            var replayed = placed
            replayed.id = UUID.timeBased()
            try await platform.notifications.writer.orderStatus(placed)
            try await platform.notifications.writer.orderStatus(replayed)
            let after = try await api.get("/customers/\(customer.id)/notifications").decode([NotificationJSON].self)
            XCTAssertEqual(after.filter { $0.orderId == orderID }.count, 1)
        }
    }

    func testOneOfTwoInstancesDeliversAndTheOtherTakesOver() async throws {
        let settings = Self.fastNotifications()
        try await withTestSession { _, keyspace in
            let target = try await TestServer.shared.target()
            let first = try await ECommercePlatform.connect(
                contactPoints: target.contactPoints, keyspace: keyspace, notifications: settings)
            let second = try await ECommercePlatform.connect(
                contactPoints: target.contactPoints, keyspace: keyspace, notifications: settings)
            do {
                var customers: [UUID] = []
                for index in 0..<4 {
                    let platform = index.isMultiple(of: 2) ? first : second
                    customers.append(try await platform.customers.create(email: "c\(index)@example.com", name: "C \(index)").id)
                }
                func delivered(_ platform: ECommercePlatform) -> Int {
                    platform.notifications.subscriptions.first { $0.subscription.name == "welcome-notifications" }?
                        .subscription.statistics.delivered ?? 0
                }
                try await eventually("four welcomes") { delivered(first) + delivered(second) >= 4 }
                XCTAssertEqual(delivered(first) + delivered(second), 4, "each change is delivered once")
                XCTAssertTrue(delivered(first) == 0 || delivered(second) == 0, "one instance holds the lease")
                for customer in customers {
                    let inbox = try await first.notifications.inbox(of: customer, limit: 10)
                    XCTAssertEqual(inbox.map(\.topic), ["welcome"])
                }

                // The active instance stops (releasing its lease); the standby takes over.
                let (active, standby) = delivered(first) > 0 ? (first, second) : (second, first)
                try await active.close()
                let late = try await standby.customers.create(email: "late@example.com", name: "Late").id
                try await eventually("the standby delivers") { delivered(standby) == 1 }
                let lateInbox = try await standby.notifications.inbox(of: late, limit: 10)
                XCTAssertEqual(lateInbox.map(\.topic), ["welcome"])
                try await standby.close()
            } catch {
                try? await first.close()
                try? await second.close()
                throw error
            }
        }
    }
}
