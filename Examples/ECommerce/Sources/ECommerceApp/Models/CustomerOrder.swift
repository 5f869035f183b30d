import CassandraORM
import Foundation

/// One row of the orders-by-customer read model, kept by ``OrderProjection`` from the order
/// events: newest order first within a customer's partition.
///
/// Every write uses `USING TIMESTAMP <event version>`, so replaying an event (projections are
/// at least once) or applying an older one after a newer one never moves a row backwards.
public struct CustomerOrder: CassandraModel, Equatable {
    /// Table `orders_by_customer`: partition `customer_id`, clustering `order_id` (a
    /// time-based UUID) descending.
    public static let schema = ModelSchema("orders_by_customer", fields: [
        "customer_id": "uuid",
        "order_id": "timeuuid",
        "status": "text",
        "total_cents": "bigint",
        "item_count": "int",
        "placed_at": "timestamp",
        "updated_at": "timestamp",
        "version": "bigint",
    ], key: [["customer_id"], "order_id"], clusteringOrder: ["order_id": .desc])

    /// The customer.
    public var customerID: UUID
    /// The order.
    public var orderID: UUID
    /// The order status (``OrderStatus`` raw value).
    public var status: String
    /// The order total in cents.
    public var totalCents: Int64
    /// The number of units ordered.
    public var itemCount: Int32
    /// When the order was placed.
    public var placedAt: Date
    /// When the latest event happened.
    public var updatedAt: Date
    /// The order stream version this row reflects.
    public var version: Int64

    enum CodingKeys: String, CodingKey {
        case status, version
        case customerID = "customer_id"
        case orderID = "order_id"
        case totalCents = "total_cents"
        case itemCount = "item_count"
        case placedAt = "placed_at"
        case updatedAt = "updated_at"
    }
}
