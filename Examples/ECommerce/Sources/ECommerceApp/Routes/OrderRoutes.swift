import Foundation
import Hummingbird

/// `/orders`: placing orders and their lifecycle commands.
struct OrderRoutes {
    /// The body of `POST /orders`.
    struct PlaceRequest: Decodable {
        /// The customer.
        var customerId: UUID
        /// The lines.
        var lines: [OrderService.LineRequest]
    }

    /// The body of `POST /orders/{id}/pay`.
    struct PayRequest: Decodable {
        /// The payment reference.
        var paymentReference: String
        /// Fail with `concurrency_conflict` unless the order is at this version.
        var expectedVersion: Int64?
    }

    /// The body of `POST /orders/{id}/ship`.
    struct ShipRequest: Decodable {
        /// The tracking number.
        var trackingNumber: String
        /// Fail with `concurrency_conflict` unless the order is at this version.
        var expectedVersion: Int64?
    }

    /// The body of `POST /orders/{id}/cancel`.
    struct CancelRequest: Decodable {
        /// Why.
        var reason: String
        /// Fail with `concurrency_conflict` unless the order is at this version.
        var expectedVersion: Int64?
    }

    let orders: OrderService

    /// Adds the routes.
    /// - Parameter router: the router.
    func register(on router: Router<BasicRequestContext>) {
        let group = router.group("orders")
        group.post { request, context -> EditedResponse<OrderView> in
            let body = try await request.json(PlaceRequest.self, context: context)
            return EditedResponse(status: .created, response: try await orders.place(customerID: body.customerId, lines: body.lines))
        }
        group.get("{id}") { _, context -> OrderView in
            try await orders.get(try context.uuidParameter("id"))
        }
        group.post("{id}/pay") { request, context -> OrderView in
            let id = try context.uuidParameter("id")
            let body = try await request.json(PayRequest.self, context: context)
            return try await orders.pay(id, reference: body.paymentReference, expectedVersion: body.expectedVersion)
        }
        group.post("{id}/ship") { request, context -> OrderView in
            let id = try context.uuidParameter("id")
            let body = try await request.json(ShipRequest.self, context: context)
            return try await orders.ship(id, trackingNumber: body.trackingNumber, expectedVersion: body.expectedVersion)
        }
        group.post("{id}/cancel") { request, context -> OrderView in
            let id = try context.uuidParameter("id")
            let body = try await request.json(CancelRequest.self, context: context)
            return try await orders.cancel(id, reason: body.reason, expectedVersion: body.expectedVersion)
        }
    }
}

extension OrderView: ResponseEncodable {}
