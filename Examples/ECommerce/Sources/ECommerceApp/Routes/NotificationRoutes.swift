import Foundation
import Hummingbird

/// Notifications: a customer's inbox (`GET /customers/{id}/notifications`) and the operators'
/// low-stock feed (`GET /admin/alerts`).
struct NotificationRoutes {
    /// One inbox message.
    struct NotificationResponse: ResponseCodable {
        /// `welcome` or `order_status`.
        var kind: String
        /// What it is about (`welcome`, `order:<id>:<status>`).
        var topic: String
        /// The title.
        var title: String
        /// The text.
        var message: String
        /// The order, for order messages.
        var orderId: UUID?
        /// When the reported fact happened.
        var createdAt: Date

        init(_ row: CustomerNotification) {
            kind = row.kind
            topic = row.topic
            title = row.title
            message = row.message
            orderId = row.orderID
            createdAt = row.createdAt
        }
    }

    /// One low-stock alert.
    struct AlertResponse: ResponseCodable {
        /// The alert id (the change id).
        var id: UUID
        /// The product.
        var productId: UUID
        /// Its name.
        var productName: String
        /// Units left.
        var stock: Int32
        /// The decrease.
        var stockChange: Int32
        /// The threshold.
        var threshold: Int32
        /// When the stock changed.
        var createdAt: Date

        init(_ alert: StockAlert) {
            id = alert.alertID
            productId = alert.productID
            productName = alert.productName
            stock = alert.stock
            stockChange = alert.stockChange
            threshold = alert.threshold
            createdAt = alert.createdAt
        }
    }

    let notifications: NotificationService

    /// Adds the routes.
    /// - Parameter router: the router.
    func register(on router: Router<BasicRequestContext>) {
        router.get("customers/{id}/notifications") { request, context -> [NotificationResponse] in
            let id = try context.uuidParameter("id")
            let limit = try request.integerParameter("limit", default: 50)
            return try await notifications.inbox(of: id, limit: limit).map(NotificationResponse.init)
        }
        router.get("admin/alerts") { request, _ -> [AlertResponse] in
            let days = try request.integerParameter("days", default: 7)
            let limit = try request.integerParameter("limit", default: 100)
            return try await notifications.alerts(days: days, limit: limit).map(AlertResponse.init)
        }
    }
}
