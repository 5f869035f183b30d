import Foundation
import Hummingbird

/// `/customers`: sign-up, lookup and the customer's orders (from the read model).
struct CustomerRoutes {
    /// The body of `POST /customers`.
    struct CreateRequest: Decodable {
        /// The email; unique.
        var email: String
        /// The name.
        var name: String
    }

    /// A customer as returned.
    struct CustomerResponse: ResponseCodable {
        /// The id.
        var id: UUID
        /// The email.
        var email: String
        /// The name.
        var name: String
        /// When the customer was created.
        var createdAt: Date

        init(_ customer: Customer) {
            id = customer.id
            email = customer.email
            name = customer.name
            createdAt = customer.createdAt
        }
    }

    /// One order of `GET /customers/{id}/orders`.
    struct CustomerOrderResponse: ResponseCodable {
        /// The order.
        var orderId: UUID
        /// Its status.
        var status: String
        /// Its total in cents.
        var totalCents: Int64
        /// Units ordered.
        var itemCount: Int32
        /// When it was placed.
        var placedAt: Date
        /// When it last changed.
        var updatedAt: Date
        /// The order version the row reflects.
        var version: Int64

        init(_ row: CustomerOrder) {
            orderId = row.orderID
            status = row.status
            totalCents = row.totalCents
            itemCount = row.itemCount
            placedAt = row.placedAt
            updatedAt = row.updatedAt
            version = row.version
        }
    }

    let customers: CustomerService
    let orders: OrderService

    /// Adds the routes.
    /// - Parameter router: the router.
    func register(on router: Router<BasicRequestContext>) {
        let group = router.group("customers")
        group.post { request, context -> EditedResponse<CustomerResponse> in
            let body = try await request.json(CreateRequest.self, context: context)
            let customer = try await customers.create(email: body.email, name: body.name)
            return EditedResponse(status: .created, response: CustomerResponse(customer))
        }
        group.get("{id}") { _, context -> CustomerResponse in
            CustomerResponse(try await customers.get(try context.uuidParameter("id")))
        }
        group.get("{id}/orders") { request, context -> [CustomerOrderResponse] in
            let id = try context.uuidParameter("id")
            let limitText = request.uri.queryParameters.get("limit") ?? "100"
            guard let limit = Int(limitText) else {
                throw APIError(.invalidParameter, "limit must be an integer", field: "limit")
            }
            return try await orders.orders(of: id, limit: limit).map(CustomerOrderResponse.init)
        }
    }
}
