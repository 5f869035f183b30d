/// The lifecycle of an order: placed → paid → shipped, with cancellation allowed until it
/// ships.
public enum OrderStatus: String, Codable, Sendable, Hashable {
    /// No event yet (the aggregate does not exist).
    case none
    /// Placed; stock is reserved.
    case placed
    /// Paid; stock still reserved.
    case paid
    /// Shipped; the reserved stock is consumed. Final.
    case shipped
    /// Cancelled; the reserved stock went back to the catalog. Final.
    case cancelled
}
