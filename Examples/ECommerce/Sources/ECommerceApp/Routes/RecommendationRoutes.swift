import Foundation
import Hummingbird

/// Similar products (`GET /products/{id}/recommendations?limit=5&minScore=&sameCategory=`) and
/// text search (`GET /search?q=&limit=10&minScore=&category=`).
struct RecommendationRoutes {
    let recommendations: RecommendationService

    /// Adds the routes.
    /// - Parameter router: the router.
    func register(on router: Router<BasicRequestContext>) {
        router.get("products/{id}/recommendations") { request, context -> [ProductMatch] in
            let id = try context.uuidParameter("id")
            let sameCategory = request.uri.queryParameters.get("sameCategory") == "true"
            return try await recommendations.similar(
                to: id, limit: try request.integerParameter("limit", default: 5),
                minimumSimilarity: try Self.minimumScore(request), sameCategory: sameCategory)
        }
        router.get("search") { request, _ -> [ProductMatch] in
            guard let query = request.uri.queryParameters.get("q") else {
                throw APIError(.invalidParameter, "the q query parameter is required", field: "q")
            }
            return try await recommendations.search(
                query, limit: try request.integerParameter("limit", default: 10), minimumSimilarity: try Self.minimumScore(request),
                category: request.uri.queryParameters.get("category"))
        }
    }

    /// The `minScore` query parameter.
    private static func minimumScore(_ request: Request) throws -> Float? {
        guard let text = request.uri.queryParameters.get("minScore") else { return nil }
        guard let value = Float(text), value.isFinite else {
            throw APIError(.invalidParameter, "minScore must be a number", field: "minScore")
        }
        return value
    }
}

extension ProductMatch: ResponseEncodable {}
