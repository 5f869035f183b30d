import CassandraORM
import GraphQL

/// Gives every error of a result an `extensions.code`: the ``CassandraORM/ORMError`` or
/// ``GraphQLServiceError`` code (with `table` and `field` when known) for resolver failures,
/// `GRAPHQL_VALIDATION_FAILED` for documents rejected before execution, `INTERNAL` otherwise.
enum ErrorMapping {
    static func map(_ error: GraphQLError, executed: Bool) -> GraphQLError {
        if error.extensions["code"] != nil { return error }
        var extensions = error.extensions
        var message = error.message
        switch error.originalError {
        case let orm as ORMError:
            extensions["code"] = .string(orm.code.description)
            if let table = orm.table { extensions["table"] = .string(table) }
            if let field = orm.field { extensions["field"] = .string(field) }
            message = orm.message
        case let service as GraphQLServiceError:
            extensions["code"] = .string(service.code.description)
            if let path = service.path { extensions["path"] = .string(path) }
            message = service.message
        case .some:
            extensions["code"] = "INTERNAL"
        case nil:
            extensions["code"] = .string(executed || !error.path.elements.isEmpty ? "INTERNAL" : "GRAPHQL_VALIDATION_FAILED")
        }
        return GraphQLError(message: message, locations: error.locations, path: error.path, extensions: extensions)
    }
}
