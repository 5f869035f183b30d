import CassandraORM
import Foundation

/// An entry of the operators' low-stock feed, written by ``NotificationWriter`` when a stock
/// decrease leaves a product below the threshold.
///
/// Partitioned by UTC day so that no partition grows without bound; keyed by the id of the
/// change that reported the decrease, so a change delivered twice writes the same row.
public struct StockAlert: CassandraModel, Equatable {
    /// Table `stock_alerts`: partition `day` (`yyyy-MM-dd`, UTC), clustering `alert_id` (the
    /// change id, a time-based UUID) descending.
    public static let schema = ModelSchema("stock_alerts", fields: [
        "day": "text",
        "alert_id": "timeuuid",
        "product_id": "uuid",
        "product_name": "text",
        "stock": "int",
        "stock_change": "int",
        "threshold": "int",
        "created_at": "timestamp",
    ], key: [["day"], "alert_id"], clusteringOrder: ["alert_id": .desc])

    /// The UTC day of the change.
    public var day: String
    /// The change id.
    public var alertID: UUID
    /// The product.
    public var productID: UUID
    /// The product's name when the alert was written.
    public var productName: String
    /// The stock after the decrease.
    public var stock: Int32
    /// The decrease (negative).
    public var stockChange: Int32
    /// The threshold in force.
    public var threshold: Int32
    /// When the stock changed (the change id's time).
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case day, stock, threshold
        case alertID = "alert_id"
        case productID = "product_id"
        case productName = "product_name"
        case stockChange = "stock_change"
        case createdAt = "created_at"
    }
}
