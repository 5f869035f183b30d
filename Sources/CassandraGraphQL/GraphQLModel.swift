import CassandraORM

/// A loaded ORM model exposed through GraphQL: the ``CassandraORM/Model`` that serves the
/// reads and writes and the ``CassandraORM/ModelSchema`` it was loaded with (the model keeps
/// its parsed schema private, so the types come from here).
public struct GraphQLModel: Sendable {
    /// The model.
    public var model: Model
    /// How it appears in GraphQL.
    public var description: ModelDescription

    /// Exposes `model`.
    /// - Parameters:
    ///   - model: the loaded model.
    ///   - schema: the schema `model` was loaded with.
    ///   - typeName: the GraphQL base name; the table name in PascalCase when `nil`.
    ///   - allowsMutations: whether GraphQL may write the model (create, update and delete
    ///     mutations); pass `false` when writes must go through application code.
    /// - Throws: ``GraphQLServiceError/Code/invalidSchema`` when `schema` is not the model's
    ///   table, or as ``ModelDescription/init(_:typeName:)``.
    public init(_ model: Model, schema: ModelSchema, typeName: String? = nil, allowsMutations: Bool = true) throws(GraphQLServiceError) {
        guard model.table == schema.table else {
            throw GraphQLServiceError(.invalidSchema, "the schema describes '\(schema.table)', the model reads '\(model.table)'",
                                      path: model.table)
        }
        self.model = model
        description = try ModelDescription(schema, typeName: typeName, allowsMutations: allowsMutations)
    }
}
