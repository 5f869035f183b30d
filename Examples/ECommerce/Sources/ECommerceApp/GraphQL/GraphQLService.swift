import CassandraGraphQL
import CassandraORM
import GraphQL

/// The GraphQL API (`/graphql`): the schema ``CassandraGraphQL`` generates for the ORM models
/// (`customers`, `products`, `orders_by_customer`: by-key reads, filtered and paged lists),
/// plus the event-sourced orders (``OrderGraphQL``) and any further application fields.
///
/// The API reads: the models are exposed without mutations (`allowsMutations: false`), so the
/// schema has no `Mutation` type. Writes go through the REST routes, which validate them, keep
/// stock consistent and capture them for the notifications.
public struct GraphQLService: Sendable {
    /// The API.
    public let api: CassandraGraphQL

    /// Builds the schema.
    /// - Parameters:
    ///   - customers: the customers.
    ///   - products: the catalog.
    ///   - orders: the orders.
    ///   - extensions: further application fields.
    /// - Throws: ``CassandraGraphQL/GraphQLServiceError`` when the schema does not build.
    init(customers: CustomerService, products: ProductService, orders: OrderService, extensions: [GraphQLExtension] = []) throws {
        let models = [
            try GraphQLModel(customers.customers.model, schema: Customer.schema, allowsMutations: false),
            try GraphQLModel(products.products.model, schema: Product.schema, allowsMutations: false),
            try GraphQLModel(orders.projection.rows.model, schema: CustomerOrder.schema, allowsMutations: false),
        ]
        api = try CassandraGraphQL(models: models, extensions: [OrderGraphQL.make(orders: orders)] + extensions)
    }

    /// The SDL of the whole schema, application fields included.
    public var sdl: String { printSchema(schema: api.schema) }

    /// Runs a request.
    /// - Parameters:
    ///   - query: the document.
    ///   - variables: the variables.
    ///   - operationName: the operation to run.
    /// - Returns: the result; every error has `extensions.code`.
    public func execute(query: String, variables: [String: Map], operationName: String?) async -> GraphQLResult {
        await api.execute(query: query, variables: variables, operationName: operationName)
    }
}
