import CassandraEventSourcing
import Foundation

/// An order as the API returns it: the aggregate's state and stream version.
public struct OrderView: Codable, Sendable, Equatable {
    /// The order id.
    public var id: UUID
    /// The customer.
    public var customerId: UUID
    /// The status.
    public var status: OrderStatus
    /// The priced lines.
    public var lines: [OrderLine]
    /// The total in cents.
    public var totalCents: Int64
    /// Units ordered.
    public var itemCount: Int32
    /// When it was placed.
    public var placedAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// The payment reference, once paid.
    public var paymentReference: String?
    /// The tracking number, once shipped.
    public var trackingNumber: String?
    /// The cancellation reason, once cancelled.
    public var cancellationReason: String?
    /// The order stream's version: send it back as `expectedVersion` to make a command fail
    /// with `concurrency_conflict` if the order changed in between.
    public var version: Int64

    /// The view of a loaded (or just saved) aggregate.
    /// - Parameters:
    ///   - id: the order id.
    ///   - order: the aggregate.
    /// - Throws: ``APIError/Code/notFound`` when the order was never placed.
    init(id: UUID, _ order: AggregateRoot<Order>) throws(APIError) {
        let state = order.state
        guard let customer = state.customerID, let placed = state.placedAt, let updated = state.updatedAt else {
            throw APIError(.notFound, "no order with id \(id)")
        }
        self.id = id
        customerId = customer
        status = state.status
        lines = state.lines
        totalCents = state.totalCents
        itemCount = state.itemCount
        placedAt = placed
        updatedAt = updated
        paymentReference = state.paymentReference
        trackingNumber = state.trackingNumber
        cancellationReason = state.cancellationReason
        version = order.version
    }
}
