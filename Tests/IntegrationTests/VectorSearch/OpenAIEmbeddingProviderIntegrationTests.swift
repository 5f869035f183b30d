import CassandraVectorSearch
import CQLTesting
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// ``OpenAIEmbeddingProvider`` against a real local OpenAI-compatible HTTP endpoint
/// (``EmbeddingHTTPServer``), and end to end through a collection.
final class OpenAIEmbeddingProviderIntegrationTests: XCTestCase {
    private typealias Fixtures = VectorSearchFixtures

    /// The server's embedding, recomputed here: a bag of Unicode scalars modulo `n`, L2-normalised.
    private func expectedEmbedding(_ text: String, _ n: Int) -> [Float] {
        var vector = [Double](repeating: 0, count: n)
        for scalar in text.unicodeScalars { vector[Int(scalar.value) % n] += 1 }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return vector.map { Float($0 / (norm == 0 ? 1 : norm)) }
    }

    private func provider(_ server: EmbeddingHTTPServer, model: String = "test-model", dimensions: Int = 8,
                          apiKey: String? = "test-key", requestDimensions: Bool = false, batch: Int = 256) -> OpenAIEmbeddingProvider {
        OpenAIEmbeddingProvider(configuration: .init(endpoint: server.endpoint, model: model, dimensions: dimensions, apiKey: apiKey,
                                                     requestDimensions: requestDimensions, maximumBatchSize: batch))
    }

    func testBatchesAreSentAsOpenAIRequestsAndAnswersReorderedByIndex() async throws {
        try await EmbeddingHTTPServer.with { server in
            let texts = ["alpha", "beta", "gamma", "delta", "épsilon"]
            let vectors = try await provider(server, batch: 2).embed(texts)
            XCTAssertEqual(vectors.count, 5)
            for (text, vector) in zip(texts, vectors) {
                let expected = expectedEmbedding(text, 8)
                for (got, want) in zip(vector, expected) { XCTAssertEqual(got, want, accuracy: 1e-6, text) }
            }
            let requests = try await server.requests()
            XCTAssertEqual(requests.count, 3)
            XCTAssertEqual(requests.map { ($0["body"] as? [String: Any])?["input"] as? [String] },
                           [["alpha", "beta"], ["gamma", "delta"], ["épsilon"]])
            let first = try XCTUnwrap(requests.first?["body"] as? [String: Any])
            XCTAssertEqual(first["model"] as? String, "test-model")
            XCTAssertEqual(first["encoding_format"] as? String, "float")
            XCTAssertNil(first["dimensions"])
            XCTAssertEqual(requests.first?["authorization"] as? String, "Bearer test-key")
        }
    }

    func testRequestedDimensionsAreSentAndHonoured() async throws {
        try await EmbeddingHTTPServer.with { server in
            let vector = try await provider(server, dimensions: 5, requestDimensions: true).embed("hello")
            XCTAssertEqual(vector.count, 5)
            let body = try await server.requests().first?["body"] as? [String: Any]
            XCTAssertEqual(body?["dimensions"] as? Int, 5)
        }
    }

    func testHTTPAndPayloadFailuresAreProviderFailures() async throws {
        try await EmbeddingHTTPServer.with { server in
            let unauthorized = await Fixtures.assertThrows(.providerFailed) {
                _ = try await self.provider(server, apiKey: "wrong").embed(["x"])
            }
            XCTAssertEqual(unauthorized?.httpStatus, 401)
            XCTAssertTrue(unauthorized?.message.contains("Incorrect API key provided") ?? false, "\(String(describing: unauthorized))")
            let wrongSize = await Fixtures.assertThrows(.providerFailed) {
                _ = try await self.provider(server, model: "wrong-size").embed(["x", "y"])
            }
            XCTAssertEqual((wrongSize?.underlying as? VectorSearchError)?.actualDimensions, 7)
            await Fixtures.assertThrows(.providerFailed) { _ = try await self.provider(server, model: "missing-one").embed(["x", "y"]) }
            let notJSON = await Fixtures.assertThrows(.providerFailed) { _ = try await self.provider(server, model: "not-json").embed(["x"]) }
            XCTAssertEqual(notJSON?.httpStatus, 200)
            XCTAssertNotNil(notJSON?.underlying)
        }
        let unreachable = OpenAIEmbeddingProvider(configuration: .init(
            endpoint: URL(string: "http://127.0.0.1:1/v1/embeddings")!, model: "m", dimensions: 8, timeout: .seconds(5)))
        let error = await Fixtures.assertThrows(.providerFailed) { _ = try await unreachable.embed(["x"]) }
        XCTAssertNotNil(error?.underlying)
    }

    func testACollectionEmbedsThroughTheEndpointAndCachesQueries() async throws {
        try await EmbeddingHTTPServer.with { server in
            let embedder = CachingEmbeddingProvider(provider(server, dimensions: 16, requestDimensions: true))
            try await withTestSession { session, keyspace in
                let collection = try await VectorCollection.create(session: session, keyspace: keyspace, table: "docs", embedder: embedder)
                try await collection.upsert(texts: [TextDocument(id: "a", content: "aaaa bbb"), TextDocument(id: "z", content: "zzzz yyy")])
                let stored = try await collection.get("a")
                XCTAssertEqual(stored?.embedding.count, 16)
                for _ in 0..<2 {
                    let hits = try await collection.search(text: "aaab", limit: 1)
                    XCTAssertEqual(hits.map(\.id), ["a"])
                }
            }
            let requests = try await server.requests()
            XCTAssertEqual(requests.count, 2, "one batch for the documents, one for the (cached) query")
        }
    }
}
