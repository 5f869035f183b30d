import CassandraORM
import CassandraSubscriptions
import Foundation

/// Turns captured changes into customer inbox rows (``CustomerNotification``) and low-stock
/// alerts (``StockAlert``).
///
/// Delivery is at least once, so every method is idempotent: the row it writes is keyed by
/// the fact it reports (the customer's sign-up time and `welcome`; the order event's time and
/// `order:<id>:<status>`; the change id for alerts), and writing it again changes nothing a
/// reader sees. A change whose fields are missing or malformed throws, so the subscription
/// retries it and finally dead-letters it.
public struct NotificationWriter: Sendable {
    /// How long stock alerts are kept: 30 days.
    static let alertTTLSeconds = 30 * 86_400

    let inbox: TypedModel<CustomerNotification>
    let alerts: TypedModel<StockAlert>
    let products: ProductService
    /// Alerts report decreases that leave the stock below this.
    public let lowStockThreshold: Int32

    /// Writes the welcome message of a captured customer insert.
    /// - Parameter event: a change of `customers`.
    /// - Throws: ``APIError/Code/internal`` for a malformed change, database errors.
    public func welcome(_ event: ChangeEvent) async throws {
        let fields = event.fields
        let customer = try Self.required(fields["id"]?.uuidValue, "id", event)
        let name = fields["name"]?.stringValue ?? "there"
        try await inbox.save(CustomerNotification(
            customerID: customer, createdAt: fields["created_at"]?.dateValue ?? event.timestamp, topic: "welcome",
            kind: "welcome", title: "Welcome!", message: "Hello \(name), your account is ready.", orderID: nil,
            changeID: event.id))
    }

    /// Writes the message of an order's status change, captured from the orders-by-customer
    /// read model (an insert when the order was placed, an update for every later event).
    /// - Parameter event: a change of `orders_by_customer`.
    /// - Throws: ``APIError/Code/internal`` for a malformed change, database errors.
    public func orderStatus(_ event: ChangeEvent) async throws {
        let fields = event.fields
        let customer = try Self.required(fields["customer_id"]?.uuidValue, "customer_id", event)
        let order = try Self.required(fields["order_id"]?.uuidValue, "order_id", event)
        let status = try Self.required(fields["status"]?.stringValue.flatMap(OrderStatus.init(rawValue:)), "status", event)
        let at = fields["updated_at"]?.dateValue ?? fields["placed_at"]?.dateValue ?? event.timestamp
        let message: String
        switch status {
        case .placed:
            let total = fields["total_cents"]?.intValue.map { String(format: " Total: %.2f.", Double($0) / 100) } ?? ""
            message = "We received your order \(order).\(total)"
        case .paid: message = "Your payment for order \(order) was received."
        case .shipped: message = "Your order \(order) has shipped."
        case .cancelled: message = "Your order \(order) was cancelled."
        case .none: return
        }
        try await inbox.save(CustomerNotification(
            customerID: customer, createdAt: at, topic: "order:\(order.uuidString.lowercased()):\(status.rawValue)",
            kind: "order_status", title: "Order \(status.rawValue)", message: message, orderID: order, changeID: event.id))
    }

    /// Adds a low-stock alert for a captured stock decrease (the subscription's condition
    /// selects decreases that end below ``lowStockThreshold``).
    /// - Parameter event: a change of `products`.
    /// - Throws: ``APIError/Code/internal`` for a malformed change, ``APIError/Code/notFound``
    ///   for an unknown product, database errors.
    public func lowStock(_ event: ChangeEvent) async throws {
        let fields = event.fields
        let productID = try Self.required(fields["id"]?.uuidValue, "id", event)
        let stock = try Self.required(fields["stock"]?.intValue, "stock", event)
        let change = try Self.required(fields["last_stock_change"]?.intValue, "last_stock_change", event)
        let product = try await products.get(productID)
        let alert = StockAlert(
            day: Self.day(of: event.timestamp), alertID: event.id, productID: productID, productName: product.name,
            stock: Int32(clamping: stock), stockChange: Int32(clamping: change), threshold: lowStockThreshold,
            createdAt: event.timestamp)
        try await alerts.save(alert, options: .init(ttl: Self.alertTTLSeconds))
    }

    /// The UTC day (`yyyy-MM-dd`) an alert of `date` is filed under.
    /// - Parameter date: the instant.
    /// - Returns: the day.
    static func day(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    private static func required<T>(_ value: T?, _ field: String, _ event: ChangeEvent) throws(APIError) -> T {
        guard let value else {
            throw APIError(.internal, "change \(event.id) of \(event.table) lacks a valid '\(field)'")
        }
        return value
    }
}
