import CassandraEventSourcing
import CassandraORM
import CQLProtocol
import Foundation
import Logging
import Synchronization

/// Orders, event-sourced: the ``Order`` aggregate through an
/// ``CassandraEventSourcing/AggregateRepository`` (appends are lightweight transactions
/// expecting the loaded version, so concurrent commands on one order cannot both apply),
/// placing as a saga (reserve each product's stock, then record the order; a failure
/// releases what was reserved), and the orders-by-customer projection.
public struct OrderService: Sendable {
    /// The event metadata key holding the order's customer id (the projection needs it for
    /// events that do not carry it).
    static let customerMetadataKey = "customer_id"
    /// Reload-and-retry rounds of a command without `expectedVersion` that lost a race.
    static let maxAttempts = 16
    /// At most this many lines per order.
    static let maxLines = 50

    let repository: AggregateRepository<Order>
    let sagas: SagaRunner
    let products: ProductService
    let customers: CustomerService
    /// The orders-by-customer read model.
    let projection: OrderProjection
    /// The stock effects of shipping and cancelling.
    let stock: StockReservations
    let logger: Logger

    /// One requested line of a new order.
    public struct LineRequest: Codable, Sendable {
        /// The product.
        public var productId: UUID
        /// Units (1 to 1,000).
        public var quantity: Int32

        /// Creates a line request.
        /// - Parameters:
        ///   - productId: the product.
        ///   - quantity: the units.
        public init(productId: UUID, quantity: Int32) {
            self.productId = productId
            self.quantity = quantity
        }
    }

    /// Places an order: checks the customer and products, then runs a saga that reserves each
    /// line's stock and records `order.placed`. When a reservation fails (not enough stock)
    /// the earlier reservations are released and nothing is recorded.
    /// - Parameters:
    ///   - customerID: the customer.
    ///   - lines: the lines (1 to 50, distinct products).
    /// - Returns: the placed order.
    /// - Throws: ``APIError/Code/validationFailed`` (unknown customer or product, bad lines),
    ///   ``APIError/Code/insufficientStock``.
    public func place(customerID: UUID, lines requested: [LineRequest]) async throws -> OrderView {
        guard (1...Self.maxLines).contains(requested.count) else {
            throw APIError(.validationFailed, "an order has 1 to \(Self.maxLines) lines", field: "lines")
        }
        guard Set(requested.map(\.productId)).count == requested.count else {
            throw APIError(.validationFailed, "each product may appear in one line only", field: "lines")
        }
        do {
            _ = try await customers.get(customerID)
        } catch let error as APIError where error.code == .notFound {
            throw APIError(.validationFailed, "no customer with id \(customerID)", field: "customerId")
        }
        var lines: [OrderLine] = []
        for line in requested {
            let quantity = try Validation.integer(line.quantity, field: "quantity", in: 1...1_000)
            let product: Product
            do {
                product = try await products.get(line.productId)
            } catch let error as APIError where error.code == .notFound {
                throw APIError(.validationFailed, "no product with id \(line.productId)", field: "lines")
            }
            lines.append(OrderLine(productID: product.id, quantity: quantity, unitPriceCents: product.priceCents))
        }

        let priced = lines
        let orderID = UUID.timeBased()
        let failure = Mutex<APIError?>(nil)
        var steps = priced.map { line in
            Saga.Step("reserve-\(line.productID)", action: { [products] in
                do {
                    try await products.reserve(line.productID, for: orderID, quantity: line.quantity)
                } catch {
                    failure.withLock { $0 = APIError.translating(error) }
                    throw error
                }
            }, compensation: { [products] in
                try await products.release(line.productID, for: orderID)
            })
        }
        steps.append(Saga.Step("record-order", action: { [repository] in
            var order = try await repository.load(id: orderID.uuidString)
            guard order.state.status == .none else { return }
            try order.raise(try order.state.place(customerID: customerID, lines: priced, at: Validation.now()))
            try await repository.save(&order, metadata: [Self.customerMetadataKey: customerID.uuidString])
        }))
        let outcome = try await sagas.run(Saga(steps: steps), id: "place-order-\(orderID)")
        if case .compensated(let step, let reason) = outcome {
            throw failure.withLock { $0 }
                ?? APIError(.unavailable, "placing the order failed at \(step) (\(reason)); its reservations were released")
        }
        await project(orderID)
        return try await get(orderID)
    }

    /// The order with `id`.
    /// - Parameter id: the order id.
    /// - Returns: the order.
    /// - Throws: ``APIError/Code/notFound``.
    public func get(_ id: UUID) async throws -> OrderView {
        try OrderView(id: id, try await repository.load(id: id.uuidString))
    }

    /// Records a payment (placed → paid).
    /// - Parameters:
    ///   - id: the order.
    ///   - reference: the payment reference (1 to 100 characters).
    ///   - expectedVersion: when given, the command fails unless the order is at this version.
    /// - Returns: the paid order.
    /// - Throws: ``APIError/Code/notFound``, ``APIError/Code/illegalTransition``,
    ///   ``APIError/Code/concurrencyConflict``.
    public func pay(_ id: UUID, reference: String, expectedVersion: Int64?) async throws -> OrderView {
        let reference = try Validation.text(reference, field: "paymentReference", maxLength: 100)
        let order = try await execute(id, expectedVersion: expectedVersion) { try $0.pay(reference: reference, at: Validation.now()) }
        await project(id)
        return try OrderView(id: id, order)
    }

    /// Records shipping (paid → shipped) and consumes the reserved stock (through
    /// ``StockReservations``).
    /// - Parameters:
    ///   - id: the order.
    ///   - trackingNumber: the tracking number (1 to 100 characters).
    ///   - expectedVersion: when given, the command fails unless the order is at this version.
    /// - Returns: the shipped order.
    /// - Throws: ``APIError/Code/notFound``, ``APIError/Code/illegalTransition``,
    ///   ``APIError/Code/concurrencyConflict``; a database error after the event was appended
    ///   leaves the stock change to the next catch-up (at the latest, the next start).
    public func ship(_ id: UUID, trackingNumber: String, expectedVersion: Int64?) async throws -> OrderView {
        let tracking = try Validation.text(trackingNumber, field: "trackingNumber", maxLength: 100)
        let order = try await execute(id, expectedVersion: expectedVersion) { try $0.ship(trackingNumber: tracking, at: Validation.now()) }
        try await stock.catchUp(order: id)
        await project(id)
        return try OrderView(id: id, order)
    }

    /// Cancels (placed or paid → cancelled) and returns the reserved stock (through
    /// ``StockReservations``).
    /// - Parameters:
    ///   - id: the order.
    ///   - reason: why (1 to 500 characters).
    ///   - expectedVersion: when given, the command fails unless the order is at this version.
    /// - Returns: the cancelled order.
    /// - Throws: ``APIError/Code/notFound``, ``APIError/Code/illegalTransition``,
    ///   ``APIError/Code/concurrencyConflict``; a database error after the event was appended
    ///   leaves the stock change to the next catch-up (at the latest, the next start).
    public func cancel(_ id: UUID, reason: String, expectedVersion: Int64?) async throws -> OrderView {
        let reason = try Validation.text(reason, field: "reason", maxLength: 500)
        let order = try await execute(id, expectedVersion: expectedVersion) { try $0.cancel(reason: reason, at: Validation.now()) }
        try await stock.catchUp(order: id)
        await project(id)
        return try OrderView(id: id, order)
    }

    /// A customer's orders from the read model, newest first.
    /// - Parameters:
    ///   - customerID: the customer.
    ///   - limit: at most this many (1 to 500).
    /// - Returns: the rows.
    /// - Throws: ``APIError/Code/notFound`` for an unknown customer.
    public func orders(of customerID: UUID, limit: Int) async throws -> [CustomerOrder] {
        let limit = try Validation.integer(limit, field: "limit", in: 1...500)
        _ = try await customers.get(customerID)
        return try await projection.orders(of: customerID, limit: limit)
    }

    /// Loads the order, lets `decide` produce the event for its state, and saves it expecting
    /// the loaded version. Without `expectedVersion`, a lost race reloads and decides again
    /// (so the decision always sees the latest state); with it, a changed order is a conflict.
    private func execute(
        _ id: UUID, expectedVersion: Int64?, _ decide: (Order) throws -> any DomainEvent
    ) async throws -> AggregateRoot<Order> {
        for _ in 0..<Self.maxAttempts {
            var order = try await repository.load(id: id.uuidString)
            guard order.state.status != .none, let customer = order.state.customerID else {
                throw APIError(.notFound, "no order with id \(id)")
            }
            if let expectedVersion, order.version != expectedVersion {
                throw APIError(.concurrencyConflict, "the order is at version \(order.version), not \(expectedVersion)")
            }
            try order.raise(try decide(order.state))
            do {
                try await repository.save(&order, metadata: [Self.customerMetadataKey: customer.uuidString])
                return order
            } catch let error as EventStoreError where error.code == .concurrencyConflict {
                if expectedVersion != nil {
                    throw APIError(.concurrencyConflict, "the order changed while the command ran; reload it and retry")
                }
            }
        }
        throw APIError(.concurrencyConflict, "the order is changing too often; retry later")
    }

    /// Brings the read model up to date with an order. A failure is logged, not thrown: the
    /// command is committed, and the startup catch-up (or the next command) projects it.
    private func project(_ id: UUID) async {
        do {
            try await projection.catchUp(order: id)
        } catch {
            logger.warning("projecting an order failed", metadata: ["order": "\(id)", "error": "\(String(reflecting: error))"])
        }
    }
}
