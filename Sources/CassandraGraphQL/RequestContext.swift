import CassandraORM

/// The context of one executed request, passed to every resolver as its `context`: the
/// per-request ``RecordLoader``s of the models and the application's own context.
///
/// Resolvers an application adds (see ``GraphQLExtension``) cast `context` to this type:
///
/// ```swift
/// "Order": ["customer": { source, _, context, _ in
///     let request = context as! RequestContext
///     let order = source as! [String: any Sendable]
///     ...
///     return try await request.load("customers", key: [.uuid(customerID)])
/// }]
/// ```
public final class RequestContext: Sendable {
    /// The value given to ``CassandraGraphQL/execute(query:variables:operationName:context:)``.
    public let application: any Sendable
    /// The loaders by table.
    public let loaders: [String: RecordLoader]
    let descriptions: [String: ModelDescription]

    init(application: any Sendable, models: [String: (Model, ModelDescription)], batchWindow: Duration) {
        self.application = application
        loaders = models.mapValues { RecordLoader(model: $0.0, description: $0.1, batchWindow: batchWindow) }
        descriptions = models.mapValues(\.1)
    }

    /// The row of `table` with primary key `key`, batched and cached for the request, as the
    /// GraphQL object of the model's type (what the generated fields return).
    /// - Parameters:
    ///   - table: the model's table.
    ///   - key: the primary key values, in key order.
    /// - Returns: the object, or `nil` when there is no such row.
    /// - Throws: ``GraphQLServiceError/Code/invalidArgument`` for a table that is not
    ///   exposed, or the read's ``CassandraORM/ORMError``.
    public func load(_ table: String, key: [ORMValue]) async throws -> [String: any Sendable]? {
        guard let loader = loaders[table], let description = descriptions[table] else {
            throw GraphQLServiceError(.invalidArgument, "table '\(table)' is not exposed through GraphQL", path: table)
        }
        return try await loader.load(key).map(ArgumentTranslator(model: description).object)
    }
}
