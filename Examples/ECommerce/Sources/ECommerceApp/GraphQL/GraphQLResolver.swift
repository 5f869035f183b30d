import CassandraGraphQL
import CassandraORM
import Foundation
import GraphQL

/// Builds the app's GraphQL resolvers: gives them the ``CassandraGraphQL/RequestContext`` and
/// turns the app's failures into GraphQL errors with `extensions.code`.
///
/// ``CassandraORM/ORMError``s and ``CassandraGraphQL/GraphQLServiceError``s pass through (the
/// module gives them their codes); any other error becomes the ``APIError`` it translates to,
/// whose code name (`not_found`, `validation_failed`, `unavailable`, …) is the GraphQL code, so
/// GraphQL and REST clients see the same codes.
enum GraphQLResolver {
    /// The body of a resolver: the source object, the arguments, the request.
    typealias Body = @Sendable (_ source: any Sendable, _ arguments: Map, _ request: RequestContext) async throws -> (any Sendable)?

    /// A field resolver running `body`.
    /// - Parameter body: the resolver's work.
    /// - Returns: the resolver.
    static func field(_ body: @escaping Body) -> GraphQLFieldResolve {
        { source, arguments, context, info in
            guard let request = context as? RequestContext else {
                throw error(APIError(.internal, "the resolver was called without a request context"), info: info)
            }
            do {
                return try await body(source, arguments, request)
            } catch let error as ORMError {
                throw error
            } catch let error as GraphQLServiceError {
                throw error
            } catch let error as GraphQLError {
                throw error
            } catch {
                throw self.error(APIError.translating(error), info: info)
            }
        }
    }

    /// A GraphQL error located at the resolved field, with the API error's code.
    /// - Parameters:
    ///   - error: the API error.
    ///   - info: the field being resolved.
    /// - Returns: the GraphQL error.
    static func error(_ error: APIError, info: GraphQLResolveInfo) -> GraphQLError {
        var extensions: [String: Map] = ["code": .string(error.code.name)]
        if let field = error.field { extensions["field"] = .string(field) }
        return GraphQLError(message: error.message, nodes: info.fieldASTs, path: info.path, extensions: extensions)
    }

    /// The UUID argument `name` (the `UUID` scalar has checked its form already).
    /// - Parameters:
    ///   - arguments: the arguments.
    ///   - name: the argument.
    /// - Returns: the id.
    /// - Throws: ``APIError/Code/invalidParameter``.
    static func uuid(_ arguments: Map, _ name: String) throws(APIError) -> UUID {
        try Validation.uuid(arguments[name].string ?? "", field: name)
    }

    /// The UUID stored as a `UUID` scalar under `key` of a source object.
    /// - Parameters:
    ///   - source: an object built by the app's resolvers.
    ///   - key: the field.
    /// - Returns: the id, or `nil`.
    static func uuid(in source: any Sendable, _ key: String) -> UUID? {
        guard let object = source as? [String: any Sendable], let value = object[key] as? Map, let text = value.string else { return nil }
        return UUID(uuidString: text)
    }
}
