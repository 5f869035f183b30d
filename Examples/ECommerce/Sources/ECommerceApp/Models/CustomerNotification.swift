import CassandraORM
import Foundation

/// One message in a customer's inbox, written by ``NotificationWriter`` from a captured change
/// (a welcome on sign-up, an order's status change).
///
/// The clustering key is the time of the fact the message reports plus a ``topic`` derived
/// from it (`welcome`, `order:<id>:<status>`), never the time of delivery: a change delivered
/// twice, or the same fact recorded twice, writes the same row again.
public struct CustomerNotification: CassandraModel, Equatable {
    /// Table `customer_notifications`: partition `customer_id`, clustering `created_at`
    /// descending (newest first), then `topic`.
    public static let schema = ModelSchema("customer_notifications", fields: [
        "customer_id": "uuid",
        "created_at": "timestamp",
        "topic": "text",
        "kind": "text",
        "title": "text",
        "message": "text",
        "order_id": "uuid",
        "change_id": "timeuuid",
    ], key: [["customer_id"], "created_at", "topic"], clusteringOrder: ["created_at": .desc, "topic": .asc])

    /// The customer.
    public var customerID: UUID
    /// When the reported fact happened (sign-up, order event).
    public var createdAt: Date
    /// What the message is about; unique per fact (`welcome`, `order:<id>:<status>`).
    public var topic: String
    /// `welcome` or `order_status`.
    public var kind: String
    /// A short title.
    public var title: String
    /// The text.
    public var message: String
    /// The order concerned, for order messages.
    public var orderID: UUID?
    /// The change-log entry that produced the row (the latest one, when delivered again).
    public var changeID: UUID

    enum CodingKeys: String, CodingKey {
        case topic, kind, title, message
        case customerID = "customer_id"
        case createdAt = "created_at"
        case orderID = "order_id"
        case changeID = "change_id"
    }
}
