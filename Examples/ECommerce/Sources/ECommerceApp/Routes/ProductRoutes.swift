import Foundation
import Hummingbird

/// `/products`: the catalog.
struct ProductRoutes {
    /// The body of `POST /products`.
    struct CreateRequest: Decodable {
        /// The name.
        var name: String
        /// The description.
        var description: String?
        /// The category slug.
        var category: String
        /// The unit price in cents.
        var priceCents: Int64
        /// The initial stock.
        var stock: Int32
    }

    /// The body of `POST /products/{id}/stock`.
    struct StockRequest: Decodable {
        /// Units to add (negative to remove).
        var delta: Int32
    }

    /// A product as returned.
    struct ProductResponse: ResponseCodable {
        /// The id.
        var id: UUID
        /// The name.
        var name: String
        /// The description.
        var description: String
        /// The category.
        var category: String
        /// The unit price in cents.
        var priceCents: Int64
        /// Units available.
        var stock: Int32
        /// Units reserved by open orders.
        var reserved: Int32
        /// When it was created.
        var createdAt: Date

        init(_ product: Product) {
            id = product.id
            name = product.name
            description = product.description
            category = product.category
            priceCents = product.priceCents
            stock = product.stock
            reserved = (product.reservations ?? [:]).values.reduce(0, +)
            createdAt = product.createdAt
        }
    }

    let products: ProductService

    /// Adds the routes.
    /// - Parameter router: the router.
    func register(on router: Router<BasicRequestContext>) {
        let group = router.group("products")
        group.post { request, context -> EditedResponse<ProductResponse> in
            let body = try await request.json(CreateRequest.self, context: context)
            let product = try await products.create(
                name: body.name, description: body.description ?? "", category: body.category, priceCents: body.priceCents,
                stock: body.stock)
            return EditedResponse(status: .created, response: ProductResponse(product))
        }
        group.get { request, _ -> [ProductResponse] in
            guard let category = request.uri.queryParameters.get("category") else {
                throw APIError(.invalidParameter, "the category query parameter is required", field: "category")
            }
            return try await products.list(category: category).map(ProductResponse.init)
        }
        group.get("{id}") { _, context -> ProductResponse in
            ProductResponse(try await products.get(try context.uuidParameter("id")))
        }
        group.post("{id}/stock") { request, context -> ProductResponse in
            let id = try context.uuidParameter("id")
            let body = try await request.json(StockRequest.self, context: context)
            return ProductResponse(try await products.adjustStock(id, by: body.delta))
        }
    }
}
