import CassandraGraphQL
import Foundation
import GraphQL

/// The event-sourced orders in GraphQL: `order(id:)` loads the aggregate, and
/// `customerOrders(customerId:, limit:)` lists a customer's orders from the orders-by-customer
/// read model and loads each aggregate. `Order.customer` and `OrderLine.product` resolve
/// through the request's batched loaders of the generated `Customers` and `Products` types.
enum OrderGraphQL {
    /// The SDL.
    static let sdl = """
        "An order, loaded from its event stream."
        type Order {
          id: UUID!
          customerId: UUID!
          "The customer (loaded with the request's other customer reads in one query)."
          customer: Customers
          "placed, paid, shipped or cancelled."
          status: String!
          lines: [OrderLine!]!
          totalCents: BigInt!
          itemCount: Int!
          placedAt: DateTime!
          updatedAt: DateTime!
          paymentReference: String
          trackingNumber: String
          cancellationReason: String
          "The stream version (REST commands take it as expectedVersion)."
          version: BigInt!
        }

        "One priced line of an order."
        type OrderLine {
          productId: UUID!
          "The product (loaded with the request's other product reads in one query)."
          product: Products
          quantity: Int!
          unitPriceCents: BigInt!
        }

        extend type Query {
          "The order with this id, or null."
          order(id: UUID!): Order
          "A customer's orders, newest first (1 to 100)."
          customerOrders(customerId: UUID!, limit: Int = 20): [Order!]!
        }
        """

    /// The extension serving ``sdl``.
    /// - Parameter orders: the order service.
    /// - Returns: the extension.
    static func make(orders: OrderService) -> GraphQLExtension {
        GraphQLExtension(sdl: sdl, resolvers: [
            "Query": [
                "order": GraphQLResolver.field { _, arguments, _ in
                    do {
                        return object(try await orders.get(try GraphQLResolver.uuid(arguments, "id")))
                    } catch let error as APIError where error.code == .notFound {
                        return nil
                    }
                },
                "customerOrders": GraphQLResolver.field { _, arguments, _ in
                    let customer = try GraphQLResolver.uuid(arguments, "customerId")
                    let limit = try Validation.integer(arguments["limit"].int ?? 20, field: "limit", in: 1...100)
                    let rows = try await orders.orders(of: customer, limit: limit)
                    return try await withThrowingTaskGroup(of: (Int, [String: any Sendable]).self) { group in
                        for (index, row) in rows.enumerated() {
                            group.addTask { (index, object(try await orders.get(row.orderID))) }
                        }
                        var loaded: [(Int, [String: any Sendable])] = []
                        for try await entry in group { loaded.append(entry) }
                        return loaded.sorted { $0.0 < $1.0 }.map(\.1)
                    }
                },
            ],
            "Order": [
                "customer": GraphQLResolver.field { source, _, request in
                    guard let id = GraphQLResolver.uuid(in: source, "customerId") else { return nil }
                    return try await request.load(Customer.schema.table, key: [.uuid(id)])
                },
            ],
            "OrderLine": [
                "product": GraphQLResolver.field { source, _, request in
                    guard let id = GraphQLResolver.uuid(in: source, "productId") else { return nil }
                    return try await request.load(Product.schema.table, key: [.uuid(id)])
                },
            ],
        ])
    }

    /// An order as a GraphQL object of type `Order`.
    /// - Parameter view: the order.
    /// - Returns: the object.
    static func object(_ view: OrderView) -> [String: any Sendable] {
        var object: [String: any Sendable] = [
            "id": GraphQLOutput.uuid(view.id), "customerId": GraphQLOutput.uuid(view.customerId),
            "status": Map.string(view.status.rawValue), "totalCents": GraphQLOutput.bigInt(view.totalCents),
            "itemCount": GraphQLOutput.int(view.itemCount), "placedAt": GraphQLOutput.dateTime(view.placedAt),
            "updatedAt": GraphQLOutput.dateTime(view.updatedAt), "version": GraphQLOutput.bigInt(view.version),
            "lines": view.lines.map { line -> [String: any Sendable] in
                [
                    "productId": GraphQLOutput.uuid(line.productID), "quantity": GraphQLOutput.int(line.quantity),
                    "unitPriceCents": GraphQLOutput.bigInt(line.unitPriceCents),
                ]
            },
        ]
        if let value = GraphQLOutput.string(view.paymentReference) { object["paymentReference"] = value }
        if let value = GraphQLOutput.string(view.trackingNumber) { object["trackingNumber"] = value }
        if let value = GraphQLOutput.string(view.cancellationReason) { object["cancellationReason"] = value }
        return object
    }
}
