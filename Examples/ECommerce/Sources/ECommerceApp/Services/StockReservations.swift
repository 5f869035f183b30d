import CassandraEventSourcing
import Foundation

/// Applies the stock effects of finished orders, driven by the order events through a
/// ``CassandraEventSourcing/Projector`` named `order_stock`: `order.shipped` drops the order's
/// reservations (the units left with it), `order.cancelled` returns them to the stock.
///
/// The order service catches an order up right after appending such an event, and the app
/// catches the whole category up at startup, so a crash between the append and the stock
/// change is repaired on the next start. Delivery is at least once; the effects are
/// idempotent because each product records the units held per order id
/// (``ProductService/release(_:for:)``, ``ProductService/consume(_:for:)``).
struct StockReservations: Sendable {
    /// The projector name (its checkpoints are kept under it).
    static let name = "order_stock"
    private let runner: ProjectionRunner

    /// Creates the projector.
    /// - Parameters:
    ///   - store: the event store holding the order streams.
    ///   - repository: loads an order's lines.
    ///   - products: the catalog.
    /// - Throws: ``CassandraEventSourcing/EventStoreError`` for an invalid name.
    init(store: EventStore, repository: AggregateRepository<Order>, products: ProductService) throws {
        let registry = OrderEvent.registry
        runner = ProjectionRunner(try Projector(name: Self.name, store: store) { recorded in
            try await Self.handle(recorded, registry: registry, repository: repository, products: products)
        })
    }

    /// Applies the stock effects of one order's events not handled yet.
    /// - Parameter orderID: the order.
    /// - Throws: the projector's errors.
    func catchUp(order orderID: UUID) async throws {
        try await runner.catchUp(stream: AggregateRoot<Order>.streamID(for: orderID.uuidString))
    }

    /// Applies every order's unhandled stock effects.
    /// - Returns: the number of events handled.
    /// - Throws: the projector's errors.
    @discardableResult
    func catchUpAll() async throws -> Int {
        try await runner.catchUp(category: Order.category)
    }

    private static func handle(
        _ recorded: RecordedEvent, registry: EventTypeRegistry, repository: AggregateRepository<Order>, products: ProductService
    ) async throws {
        let event = try registry.decode(recorded)
        guard event is OrderEvent.Shipped || event is OrderEvent.Cancelled else { return }
        let id = String(recorded.streamID.dropFirst(Order.category.count + 1))
        guard let orderID = UUID(uuidString: id) else {
            throw APIError(.internal, "stream \(recorded.streamID) is not an order stream")
        }
        let order = try await repository.load(id: id)
        for line in order.state.lines {
            if event is OrderEvent.Shipped {
                try await products.consume(line.productID, for: orderID)
            } else {
                try await products.release(line.productID, for: orderID)
            }
        }
    }
}
