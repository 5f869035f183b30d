import Foundation
import GraphQL
import Hummingbird

/// `/graphql`: `POST` with a JSON body `{"query", "variables"?, "operationName"?}`, `GET` with
/// the same as query parameters (`variables` as JSON text), and `GET /graphql/schema` (the SDL).
///
/// Executed requests answer 200 with `{"data", "errors"}` (GraphQL over HTTP with
/// `application/json`); a request that cannot be read (no query, malformed JSON or variables)
/// answers 400 with a GraphQL error whose code is `invalid_json` or `invalid_parameter`.
struct GraphQLRoutes {
    /// The body of `POST /graphql`.
    struct Body: Decodable {
        /// The document.
        var query: String
        /// The variables.
        var variables: [String: Map]?
        /// The operation to run.
        var operationName: String?
    }

    let graphQL: GraphQLService

    /// Adds the routes.
    /// - Parameter router: the router.
    func register(on router: Router<BasicRequestContext>) {
        router.post("graphql") { request, context -> Response in
            let body: Body
            do {
                body = try await request.decode(as: Body.self, context: context)
            } catch {
                return try Self.failure(
                    .invalidJSON, "the body must be JSON with a string 'query', an object 'variables' and a string 'operationName'")
            }
            return try await run(body)
        }
        router.get("graphql") { request, _ -> Response in
            let parameters = request.uri.queryParameters
            guard let query = parameters.get("query") else {
                return try Self.failure(.invalidParameter, "the query parameter 'query' is required")
            }
            var variables: [String: Map] = [:]
            if let text = parameters.get("variables") {
                guard let decoded = try? JSONDecoder().decode([String: Map].self, from: Data(text.utf8)) else {
                    return try Self.failure(.invalidParameter, "the query parameter 'variables' must be a JSON object")
                }
                variables = decoded
            }
            return try await run(Body(query: query, variables: variables, operationName: parameters.get("operationName")))
        }
        router.get("graphql/schema") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: graphQL.sdl)))
        }
    }

    private func run(_ body: Body) async throws -> Response {
        let result = await graphQL.execute(query: body.query, variables: body.variables ?? [:], operationName: body.operationName)
        return try Self.json(result, status: .ok)
    }

    private static func failure(_ code: APIError.Code, _ message: String) throws -> Response {
        try json(GraphQLResult(errors: [GraphQLError(message: message, extensions: ["code": .string(code.name)])]), status: .badRequest)
    }

    private static func json(_ result: GraphQLResult, status: HTTPResponse.Status) throws -> Response {
        let data = try GraphQLJSONEncoder().encode(result)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
