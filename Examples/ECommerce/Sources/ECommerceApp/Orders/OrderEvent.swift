import CassandraEventSourcing
import Foundation

/// The events of the ``Order`` aggregate. Their `eventType` names are stored with each event;
/// keep them stable.
public enum OrderEvent {
    /// The order was placed (after its stock was reserved).
    public struct Placed: DomainEvent, Equatable {
        /// `order.placed`.
        public static let eventType = "order.placed"
        /// The ordering customer.
        public var customerID: UUID
        /// The priced lines.
        public var lines: [OrderLine]
        /// When it was placed.
        public var at: Date
    }

    /// The order was paid.
    public struct Paid: DomainEvent, Equatable {
        /// `order.paid`.
        public static let eventType = "order.paid"
        /// The payment provider's reference.
        public var paymentReference: String
        /// When it was paid.
        public var at: Date
    }

    /// The order was handed to the carrier.
    public struct Shipped: DomainEvent, Equatable {
        /// `order.shipped`.
        public static let eventType = "order.shipped"
        /// The carrier's tracking number.
        public var trackingNumber: String
        /// When it shipped.
        public var at: Date
    }

    /// The order was cancelled.
    public struct Cancelled: DomainEvent, Equatable {
        /// `order.cancelled`.
        public static let eventType = "order.cancelled"
        /// Why.
        public var reason: String
        /// When it was cancelled.
        public var at: Date
    }

    /// A registry holding every order event type.
    public static var registry: EventTypeRegistry {
        var registry = EventTypeRegistry()
        registry.register(Placed.self)
        registry.register(Paid.self)
        registry.register(Shipped.self)
        registry.register(Cancelled.self)
        return registry
    }
}
