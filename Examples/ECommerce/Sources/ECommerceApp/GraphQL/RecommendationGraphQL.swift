import CassandraGraphQL
import Foundation
import GraphQL

/// Recommendations in GraphQL: `recommendations(productId:, limit:, minScore:, sameCategory:)`
/// returns similar products with their similarity; `Recommendation.product` resolves through
/// the request's batched `Products` loader (one `IN` query for the whole list).
enum RecommendationGraphQL {
    /// The SDL.
    static let sdl = """
        "A product similar to another one."
        type Recommendation {
          productId: UUID!
          "The product (all recommendations of a request are read in one query)."
          product: Products
          "Cosine similarity on Cassandra's 0 to 1 scale (0.5: unrelated)."
          similarity: Float!
        }

        extend type Query {
          "Products similar to this one, most similar first (limit 1 to 50)."
          recommendations(productId: UUID!, limit: Int = 5, minScore: Float, sameCategory: Boolean = false): [Recommendation!]!
        }
        """

    /// The extension serving ``sdl``.
    /// - Parameter recommendations: the recommendation service.
    /// - Returns: the extension.
    static func make(recommendations: RecommendationService) -> GraphQLExtension {
        GraphQLExtension(sdl: sdl, resolvers: [
            "Query": [
                "recommendations": GraphQLResolver.field { _, arguments, _ in
                    let matches = try await recommendations.similar(
                        to: try GraphQLResolver.uuid(arguments, "productId"), limit: arguments["limit"].int ?? 5,
                        minimumSimilarity: arguments["minScore"].double.map(Float.init),
                        sameCategory: arguments["sameCategory"].bool ?? false)
                    return matches.map { match -> [String: any Sendable] in
                        ["productId": GraphQLOutput.uuid(match.productId), "similarity": Map.number(Number(Double(match.similarity)))]
                    }
                },
            ],
            "Recommendation": [
                "product": GraphQLResolver.field { source, _, request in
                    guard let id = GraphQLResolver.uuid(in: source, "productId") else { return nil }
                    return try await request.load(Product.schema.table, key: [.uuid(id)])
                },
            ],
        ])
    }
}
