import CassandraORM
import GraphQL

/// A GraphQL API over ORM models: the generated schema (``sdl``), its resolvers, and
/// ``execute(query:variables:operationName:context:)`` for an HTTP server to call.
///
/// ```swift
/// let products = try await client.loadSchema(productSchema)
/// let api = try CassandraGraphQL(models: [GraphQLModel(products, schema: productSchema)])
/// let result = await api.execute(query: "{ productsList(limit: 10) { items { id name } cursor } }")
/// let body = try GraphQLJSONEncoder().encode(result)   // {"data": …, "errors": […]}
/// ```
///
/// The executable schema is built from ``sdl`` itself (plus the extensions' SDL), so
/// `printSchema(schema)` without extensions is ``sdl``. Each request gets fresh
/// ``RecordLoader``s; nothing is cached across requests. Safe to use from any task.
public final class CassandraGraphQL: Sendable {
    /// The generated SDL (without the extensions').
    public let sdl: String
    /// The executable schema.
    public let schema: GraphQLSchema
    /// The exposed models by table.
    let models: [String: (Model, ModelDescription)]
    /// How long a batch of key lookups waits for more keys (see ``RecordLoader/batchWindow``).
    public let batchWindow: Duration

    /// Builds the API.
    /// - Parameters:
    ///   - models: the models to expose.
    ///   - extensions: application types and fields served next to the generated ones.
    ///   - batchWindow: how long a batch of key lookups waits for more keys after its latest one.
    /// - Throws: ``GraphQLServiceError/Code/invalidSchema`` (see ``SchemaGenerator/sdl(for:)``),
    ///   and ``GraphQLServiceError/Code/invalidExtension`` when an extension's SDL does not
    ///   build or names a resolver for a field the schema lacks.
    public init(models: [GraphQLModel], extensions: [GraphQLExtension] = [], batchWindow: Duration = .milliseconds(2))
        throws(GraphQLServiceError) {
        self.batchWindow = batchWindow
        let descriptions = models.map(\.description)
        sdl = try SchemaGenerator.sdl(for: descriptions)
        self.models = Dictionary(models.map { ($0.description.table, ($0.model, $0.description)) }, uniquingKeysWith: { first, _ in first })
        let source = ([sdl] + extensions.map(\.sdl)).joined(separator: "\n\n")
        do {
            schema = try buildSchema(source: source)
        } catch {
            throw GraphQLServiceError(.invalidExtension, "the schema does not build: \(error)", underlying: error)
        }
        var resolvers = Self.generatedResolvers(for: models.map(\.description))
        for `extension` in extensions {
            for (type, fields) in `extension`.resolvers {
                for (field, resolve) in fields { resolvers[type, default: [:]][field] = resolve }
            }
        }
        try Self.install(resolvers, in: schema)
        Self.installScalars(in: schema)
    }

    /// Executes a GraphQL request.
    /// - Parameters:
    ///   - query: the document.
    ///   - variables: the variables (decoded from the request's JSON).
    ///   - operationName: the operation to run when the document has several.
    ///   - context: the application's context, available to resolvers as
    ///     ``RequestContext/application``.
    /// - Returns: the result, `Codable` as `{"data": …, "errors": […]}`; every error carries
    ///   `extensions.code` (see ``GraphQLServiceError``).
    public func execute(query: String, variables: [String: Map] = [:], operationName: String? = nil,
                        context: any Sendable = ()) async -> GraphQLResult {
        let request = RequestContext(application: context, models: models, batchWindow: batchWindow)
        do {
            let result = try await graphql(schema: schema, request: query, context: request, variableValues: variables,
                                           operationName: operationName)
            return GraphQLResult(data: result.data, errors: result.errors.map { ErrorMapping.map($0, executed: result.data != nil) })
        } catch let error as GraphQLError {
            return GraphQLResult(errors: [ErrorMapping.map(error, executed: false)])
        } catch {
            return GraphQLResult(errors: [ErrorMapping.map(GraphQLError(error), executed: false)])
        }
    }

    /// Attaches `resolvers` to the fields of the schema's object types.
    private static func install(_ resolvers: [String: [String: GraphQLFieldResolve]], in schema: GraphQLSchema) throws(GraphQLServiceError) {
        for (typeName, fields) in resolvers {
            guard let type = schema.getType(name: typeName) as? GraphQLObjectType else {
                throw GraphQLServiceError(.invalidExtension, "resolvers are given for '\(typeName)', which is no object type", path: typeName)
            }
            let original = type.fields
            let known: GraphQLFieldMap
            do { known = try original() } catch {
                throw GraphQLServiceError(.invalidExtension, "the fields of '\(typeName)' do not build: \(error)", path: typeName)
            }
            for name in fields.keys where known[name] == nil {
                throw GraphQLServiceError(.invalidExtension, "a resolver is given for '\(typeName).\(name)', which the schema lacks",
                                          path: "\(typeName).\(name)")
            }
            type.fields = {
                let map = try original()
                for (name, field) in map { if let resolve = fields[name] { field.resolve = resolve } }
                return map
            }
        }
    }

    /// Gives the custom scalars their input checks.
    private static func installScalars(in schema: GraphQLSchema) {
        for scalar in CustomScalar.all {
            guard let type = schema.getType(name: scalar.name) as? GraphQLScalarType else { continue }
            type.parseValue = { value in try scalar.validate(value) }
            type.parseLiteral = { literal in try scalar.validate(valueFromASTUntyped(valueAST: literal)) }
        }
    }
}
