import CassandraORM
import CassandraSubscriptions
import Foundation
import Logging

/// Notifications from captured writes: a welcome message when a customer signs up, a message
/// for each status of a customer's order (from the orders-by-customer read model), and a
/// low-stock alert for the operators when a stock decrease leaves a product below
/// ``Settings/lowStockThreshold``.
///
/// The writes of `customers`, `products` and `orders_by_customer` record changes in the
/// ``changeLog`` (``CassandraSubscriptions/CapturedModel``); three durable subscriptions
/// (``subscriptions``) deliver them at least once to the idempotent ``writer``, in background
/// tasks started with the platform and cancelled when it closes. Each subscription holds a
/// lease, so with several app instances on one keyspace one of them delivers.
public final class NotificationService: Sendable {
    /// Subscription names (their checkpoints and leases are stored under them).
    enum Name {
        static let welcome = "welcome-notifications"
        static let orders = "order-notifications"
        static let lowStock = "low-stock-alerts"
    }

    /// The change log the captured models write to.
    public let changeLog: ChangeLog
    /// The handlers.
    public let writer: NotificationWriter
    /// The running subscriptions.
    public let subscriptions: [BackgroundSubscription]
    private let customers: CustomerService

    /// Creates the notification tables and the subscriptions; nothing is read before
    /// ``start(logger:)``.
    /// - Parameters:
    ///   - client: a connected ORM client.
    ///   - changes: the change log the services capture their writes in.
    ///   - customers: the customers (inbox reads check the customer exists).
    ///   - products: the catalog (alerts name the product).
    ///   - settings: polling, lease and threshold.
    /// - Throws: schema errors, ``CassandraSubscriptions/SubscriptionError`` for invalid settings.
    init(client: CassandraClient, changes: ChangeLog, customers: CustomerService, products: ProductService,
         settings: Settings) async throws {
        let writer = NotificationWriter(
            inbox: try await client.model(CustomerNotification.self), alerts: try await client.model(StockAlert.self),
            products: products, lowStockThreshold: settings.lowStockThreshold)
        let configuration = settings.configuration
        let welcome = try changes.subscribe(
            name: Name.welcome, table: Customer.schema.table, operations: [.insert], configuration: configuration)
        let orders = try changes.subscribe(
            name: Name.orders, table: CustomerOrder.schema.table, operations: [.insert, .update], configuration: configuration)
        let lowStock = try changes.subscribe(
            name: Name.lowStock, table: Product.schema.table, operations: [.update],
            where: ["stock": ["$lt": .int(Int64(settings.lowStockThreshold))], "last_stock_change": ["$lt": 0]],
            configuration: configuration)
        let delay = settings.restartDelay
        subscriptions = [
            BackgroundSubscription(welcome, restartDelay: delay) { try await writer.welcome($0) },
            BackgroundSubscription(orders, restartDelay: delay) { try await writer.orderStatus($0) },
            BackgroundSubscription(lowStock, restartDelay: delay) { try await writer.lowStock($0) },
        ]
        changeLog = changes
        self.writer = writer
        self.customers = customers
    }

    /// Starts every subscription in the background.
    /// - Parameter logger: where failures are logged.
    func start(logger: Logger) {
        for subscription in subscriptions { subscription.start(logger: logger) }
    }

    /// Stops every subscription and waits for them (their leases are released).
    func stop() async {
        for subscription in subscriptions { await subscription.stop() }
    }

    /// A customer's inbox, newest first.
    /// - Parameters:
    ///   - customerID: the customer.
    ///   - limit: at most this many (1 to 500).
    /// - Returns: the messages.
    /// - Throws: ``APIError/Code/notFound`` for an unknown customer,
    ///   ``APIError/Code/validationFailed`` for a bad limit.
    public func inbox(of customerID: UUID, limit: Int) async throws -> [CustomerNotification] {
        let limit = try Validation.integer(limit, field: "limit", in: 1...500)
        _ = try await customers.get(customerID)
        return try await writer.inbox.find(where: ["customer_id": .uuid(customerID)], options: .init(limit: limit))
    }

    /// The low-stock alerts of the last `days` UTC days (today included), newest first.
    /// - Parameters:
    ///   - days: how many days back (1 to 30).
    ///   - limit: at most this many (1 to 500).
    ///   - now: the current time.
    /// - Returns: the alerts.
    /// - Throws: ``APIError/Code/validationFailed`` for bad bounds, database errors.
    public func alerts(days: Int, limit: Int, now: Date = Date()) async throws -> [StockAlert] {
        let days = try Validation.integer(days, field: "days", in: 1...30)
        let limit = try Validation.integer(limit, field: "limit", in: 1...500)
        var found: [StockAlert] = []
        for back in 0..<days where found.count < limit {
            let day = NotificationWriter.day(of: now.addingTimeInterval(-Double(back) * 86_400))
            found += try await writer.alerts.find(where: ["day": .string(day)], options: .init(limit: limit - found.count))
        }
        return found
    }
}
