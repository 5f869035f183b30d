import CassandraEventSourcing
import CassandraORM
import CassandraSubscriptions
import Foundation

/// Keeps the orders-by-customer read model (``CustomerOrder``) from the order events with a
/// ``CassandraEventSourcing/Projector``.
///
/// The order service catches a stream up after each command it saves, and the app catches
/// the whole `order` category up at startup (recovering events whose projection was
/// interrupted). Catch-ups run one at a time in this process (``ProjectionRunner``); the
/// handler is idempotent, since delivery is at least once. Its writes are captured in the
/// change log (the order-status notifications subscribe to them); a replayed event records
/// its change again, which the notification handler absorbs.
public struct OrderProjection: Sendable {
    /// The projection name (its checkpoints are kept under it).
    public static let name = "orders_by_customer"
    /// The read model.
    let rows: TypedModel<CustomerOrder>
    private let runner: ProjectionRunner

    /// Loads (and migrates) the read model table and creates the projector.
    /// - Parameters:
    ///   - client: a connected ORM client.
    ///   - store: the event store holding the order streams.
    ///   - changes: the change log the read model's writes are captured in.
    /// - Throws: schema errors.
    init(client: CassandraClient, store: EventStore, changes: ChangeLog) async throws {
        let rows = try await client.model(CustomerOrder.self)
        let registry = OrderEvent.registry
        let captured = changes.capture(rows.model)
        self.rows = rows
        runner = ProjectionRunner(try Projector(name: Self.name, store: store) { recorded in
            try await Self.handle(recorded, registry: registry, rows: captured)
        })
    }

    /// Projects the events of one order not projected yet.
    /// - Parameter orderID: the order.
    /// - Throws: the projector's errors (``CassandraEventSourcing/EventStoreError``).
    func catchUp(order orderID: UUID) async throws {
        try await runner.catchUp(stream: AggregateRoot<Order>.streamID(for: orderID.uuidString))
    }

    /// Projects every order stream's unprojected events.
    /// - Returns: the number of events handled.
    /// - Throws: the projector's errors.
    @discardableResult
    func catchUpAll() async throws -> Int {
        try await runner.catchUp(category: Order.category)
    }

    /// The orders of a customer, newest first.
    /// - Parameters:
    ///   - customerID: the customer.
    ///   - limit: at most this many.
    /// - Returns: the rows.
    /// - Throws: database errors.
    func orders(of customerID: UUID, limit: Int) async throws -> [CustomerOrder] {
        try await rows.find(where: ["customer_id": .uuid(customerID)], options: .init(limit: limit))
    }

    /// Applies one event to the read model, writing with the event's version as the write
    /// timestamp so that replays and reordering never move a row backwards.
    private static func handle(_ recorded: RecordedEvent, registry: EventTypeRegistry, rows: CapturedModel) async throws {
        let event = try registry.decode(recorded)
        let orderID = String(recorded.streamID.dropFirst(Order.category.count + 1))
        guard let order = UUID(uuidString: orderID) else {
            throw APIError(.internal, "stream \(recorded.streamID) is not an order stream")
        }
        if let placed = event as? OrderEvent.Placed {
            var state = Order()
            try state.apply(placed)
            let row: [String: ORMValue] = [
                "customer_id": .uuid(placed.customerID), "order_id": .uuid(order), "status": .string(OrderStatus.placed.rawValue),
                "total_cents": .int(state.totalCents), "item_count": .int(Int64(state.itemCount)), "placed_at": .date(placed.at),
                "updated_at": .date(placed.at), "version": .int(recorded.version),
            ]
            try await rows.save(row, options: .init(timestamp: recorded.version))
            return
        }
        let change: (OrderStatus, Date)
        switch event {
        case let paid as OrderEvent.Paid: change = (.paid, paid.at)
        case let shipped as OrderEvent.Shipped: change = (.shipped, shipped.at)
        case let cancelled as OrderEvent.Cancelled: change = (.cancelled, cancelled.at)
        default: return
        }
        guard let customer = recorded.metadata[OrderService.customerMetadataKey].flatMap(UUID.init(uuidString:)) else {
            throw APIError(.internal, "event \(recorded.version) of \(recorded.streamID) has no customer metadata")
        }
        try await rows.update(
            where: ["customer_id": .uuid(customer), "order_id": .uuid(order)],
            set: ["status": .string(change.0.rawValue), "updated_at": .date(change.1), "version": .int(recorded.version)],
            options: .init(timestamp: recorded.version))
    }
}
