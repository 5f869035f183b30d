import CassandraEventSourcing
import Foundation

/// The order aggregate's state, rebuilt from ``OrderEvent``s. The commands (``place(customerID:lines:at:)``,
/// ``pay(reference:at:)``, …) check the lifecycle and return the event to raise; ``apply(_:)``
/// only changes state.
public struct Order: AggregateState, Codable, Equatable {
    /// Order streams are `order-<id>`.
    public static let category = "order"

    /// The lifecycle status.
    public var status: OrderStatus = .none
    /// The customer.
    public var customerID: UUID?
    /// The lines.
    public var lines: [OrderLine] = []
    /// When the order was placed.
    public var placedAt: Date?
    /// When it was last changed.
    public var updatedAt: Date?
    /// The payment reference, once paid.
    public var paymentReference: String?
    /// The tracking number, once shipped.
    public var trackingNumber: String?
    /// The cancellation reason, once cancelled.
    public var cancellationReason: String?

    /// An order with no events.
    public init() {}

    /// The total in cents.
    public var totalCents: Int64 { lines.reduce(0) { $0 + Int64($1.quantity) * $1.unitPriceCents } }

    /// The number of units.
    public var itemCount: Int32 { lines.reduce(0) { $0 + $1.quantity } }

    /// Applies one event.
    /// - Parameter event: an ``OrderEvent``.
    public mutating func apply(_ event: any DomainEvent) throws {
        switch event {
        case let placed as OrderEvent.Placed:
            status = .placed
            customerID = placed.customerID
            lines = placed.lines
            placedAt = placed.at
            updatedAt = placed.at
        case let paid as OrderEvent.Paid:
            status = .paid
            paymentReference = paid.paymentReference
            updatedAt = paid.at
        case let shipped as OrderEvent.Shipped:
            status = .shipped
            trackingNumber = shipped.trackingNumber
            updatedAt = shipped.at
        case let cancelled as OrderEvent.Cancelled:
            status = .cancelled
            cancellationReason = cancelled.reason
            updatedAt = cancelled.at
        default:
            break
        }
    }

    /// Decides placing the order.
    /// - Throws: ``APIError/Code/illegalTransition`` unless the order is new.
    func place(customerID: UUID, lines: [OrderLine], at date: Date) throws(APIError) -> OrderEvent.Placed {
        guard status == .none else { throw illegal("place") }
        return OrderEvent.Placed(customerID: customerID, lines: lines, at: date)
    }

    /// Decides paying.
    /// - Throws: ``APIError/Code/illegalTransition`` unless the order is placed.
    func pay(reference: String, at date: Date) throws(APIError) -> OrderEvent.Paid {
        guard status == .placed else { throw illegal("pay") }
        return OrderEvent.Paid(paymentReference: reference, at: date)
    }

    /// Decides shipping.
    /// - Throws: ``APIError/Code/illegalTransition`` unless the order is paid.
    func ship(trackingNumber: String, at date: Date) throws(APIError) -> OrderEvent.Shipped {
        guard status == .paid else { throw illegal("ship") }
        return OrderEvent.Shipped(trackingNumber: trackingNumber, at: date)
    }

    /// Decides cancelling.
    /// - Throws: ``APIError/Code/illegalTransition`` unless the order is placed or paid.
    func cancel(reason: String, at date: Date) throws(APIError) -> OrderEvent.Cancelled {
        guard status == .placed || status == .paid else { throw illegal("cancel") }
        return OrderEvent.Cancelled(reason: reason, at: date)
    }

    private func illegal(_ command: String) -> APIError {
        APIError(.illegalTransition, "cannot \(command) an order that is \(status.rawValue)")
    }
}
