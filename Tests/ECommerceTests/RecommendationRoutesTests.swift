import CassandraVectorSearch
import CQLTesting
import ECommerceApp
import Foundation
import XCTest

/// `/products/{id}/recommendations` and `/search` over HTTP, in the layout the server gets
/// automatically and in the Cassandra 4 fallback layout, plus the GraphQL field.
final class RecommendationRoutesTests: ECommerceTestCase {
    struct MatchJSON: Decodable, Equatable {
        var productId: UUID
        var name: String
        var category: String
        var similarity: Float
    }

    /// Creates the catalog and waits until the indexer has embedded all of it.
    private static func catalog(_ api: API) async throws -> [String: ProductJSON] {
        var products: [String: ProductJSON] = [:]
        for (name, category) in [
            ("Espresso beans dark roast", "grocery"), ("Espresso beans medium roast", "grocery"), ("Espresso machine", "kitchen"),
            ("Wool blanket", "home"), ("Wool socks", "clothing"),
        ] {
            products[name] = try await api.createProduct(name: name, category: category)
        }
        _ = try await api.post("/products/\(products["Wool socks"]!.id)/stock", ["delta": -1])   // skipped by the indexer
        try await eventually("the catalog is indexed") {
            try await api.get("/search?q=espresso%20wool&limit=50").decode([MatchJSON].self).count == 5
        }
        return products
    }

    private func checkRecommendationsAndSearch(vectorStorage: VectorStorageMode) async throws {
        let embedded = try await isEmbeddedServer
        try await withApp(vectorStorage: vectorStorage) { api, platform in
            if vectorStorage == .fallback || !embedded {
                XCTAssertEqual(platform.recommendations.collection.storage, .fallback)
            } else {
                XCTAssertEqual(platform.recommendations.collection.storage, .native)
            }
            let products = try await Self.catalog(api)
            let dark = products["Espresso beans dark roast"]!

            let similar = try await api.get("/products/\(dark.id)/recommendations?limit=3").decode([MatchJSON].self)
            XCTAssertEqual(similar.map(\.name), ["Espresso beans medium roast", "Espresso machine", similar.last?.name ?? ""])
            XCTAssertEqual(similar.count, 3)
            XCTAssertFalse(similar.contains { $0.productId == dark.id }, "a product is not its own recommendation")
            XCTAssertEqual(similar.map(\.similarity), similar.map(\.similarity).sorted(by: >))
            XCTAssertEqual(similar.first?.category, "grocery")

            let sameCategory = try await api.get("/products/\(dark.id)/recommendations?sameCategory=true").decode([MatchJSON].self)
            XCTAssertEqual(sameCategory.map(\.name), ["Espresso beans medium roast"])

            let threshold = try XCTUnwrap(similar.first?.similarity)
            let strict = try await api.get("/products/\(dark.id)/recommendations?minScore=\(threshold)").decode([MatchJSON].self)
            XCTAssertEqual(strict.map(\.name), ["Espresso beans medium roast"])

            let search = try await api.get("/search?q=wool&limit=2").decode([MatchJSON].self)
            XCTAssertEqual(Set(search.map(\.name)), ["Wool blanket", "Wool socks"])
            let inCategory = try await api.get("/search?q=wool&category=home").decode([MatchJSON].self)
            XCTAssertEqual(inCategory.map(\.name), ["Wool blanket"])

            var dashboard = try await api.get("/dashboard").decode(DashboardSnapshot.self)
            try await eventually("the indexer has read the stock change") {
                dashboard = try await api.get("/dashboard").decode(DashboardSnapshot.self)
                let indexer = dashboard.subscriptions.first { $0.name == "product-embeddings" }
                return (indexer?.delivered ?? 0) + (indexer?.skipped ?? 0) >= 6
            }
            let indexer = try XCTUnwrap(dashboard.subscriptions.first { $0.name == "product-embeddings" })
            XCTAssertEqual(indexer.delivered, 5)
            XCTAssertEqual(indexer.skipped, 1, "the stock change")
        }
    }

    func testRecommendationsAndSearchInTheAutomaticLayout() async throws {
        try await checkRecommendationsAndSearch(vectorStorage: .automatic)
    }

    func testRecommendationsAndSearchInTheCassandra4Layout() async throws {
        try await checkRecommendationsAndSearch(vectorStorage: .fallback)
    }

    func testInvalidInputAndGraphQL() async throws {
        try await withApp { api, _ in
            let products = try await Self.catalog(api)
            let dark = products["Espresso beans dark roast"]!

            let unknown = try await api.get("/products/\(UUID())/recommendations")
            XCTAssertEqual(unknown.errorCode, "not_found")
            let zeroLimit = try await api.get("/products/\(dark.id)/recommendations?limit=0")
            XCTAssertEqual(zeroLimit.errorField, "limit")
            let highScore = try await api.get("/products/\(dark.id)/recommendations?minScore=2")
            XCTAssertEqual(highScore.errorField, "minScore")
            let textScore = try await api.get("/products/\(dark.id)/recommendations?minScore=x")
            XCTAssertEqual(textScore.errorCode, "invalid_parameter")
            let noQuery = try await api.get("/search")
            XCTAssertEqual(noQuery.errorCode, "invalid_parameter")
            let noWords = try await api.get("/search?q=%21%21%21")
            XCTAssertEqual(noWords.status, .unprocessableContent)
            XCTAssertEqual(noWords.errorField, "q")

            let query = """
                {"query": "query($id: UUID!) { recommendations(productId: $id, limit: 2) { similarity product { name stock } } }",
                 "variables": {"id": "\(dark.id)"}}
                """
            let reply = try await api.send(.post, "/graphql", json: query)
            let result = try XCTUnwrap(JSONSerialization.jsonObject(with: reply.body) as? [String: Any], reply.text)
            XCTAssertNil(result["errors"], reply.text)
            let list = try XCTUnwrap((result["data"] as? [String: Any])?["recommendations"] as? [[String: Any]], reply.text)
            XCTAssertEqual(list.compactMap { ($0["product"] as? [String: Any])?["name"] as? String },
                           ["Espresso beans medium roast", "Espresso machine"])
            XCTAssertGreaterThan(list.first?["similarity"] as? Double ?? 0, 0.5)
        }
    }
}
