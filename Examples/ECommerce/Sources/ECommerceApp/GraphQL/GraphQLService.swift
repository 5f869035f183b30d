import CassandraGraphQL
import CassandraORM
import GraphQL

/// The GraphQL API (`/graphql`): the schema ``CassandraGraphQL`` generates for the ORM models
/// (`customers`, `products`, `orders_by_customer`: by-key reads, filtered and paged lists),
/// plus the event-sourced orders (``OrderGraphQL``) and any further application fields.
///
/// The API reads. The generated mutations stay in the schema (the module always generates
/// them) but are refused with code `read_only`: writes go through the REST routes, which
/// validate them, keep stock consistent and capture them for the notifications.
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
            try GraphQLModel(customers.customers.model, schema: Customer.schema),
            try GraphQLModel(products.products.model, schema: Product.schema),
            try GraphQLModel(orders.projection.rows.model, schema: CustomerOrder.schema),
        ]
        api = try CassandraGraphQL(
            models: models, extensions: [OrderGraphQL.make(orders: orders), Self.readOnly(models)] + extensions)
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

    /// Resolvers that refuse every generated mutation.
    private static func readOnly(_ models: [GraphQLModel]) -> GraphQLExtension {
        let refuse: GraphQLFieldResolve = { _, _, _, info in
            throw GraphQLError(
                message: "the GraphQL API is read-only; write through the REST API", nodes: info.fieldASTs, path: info.path,
                extensions: ["code": "read_only"])
        }
        var fields: [String: GraphQLFieldResolve] = [:]
        for model in models {
            for field in [model.description.createField, model.description.updateField, model.description.deleteField] {
                fields[field] = refuse
            }
        }
        return GraphQLExtension(sdl: "", resolvers: ["Mutation": fields])
    }
}
