import CassandraDriver
import CassandraVectorSearch
import CQLTesting
import XCTest

/// Similarity search against a real server, in every layout it supports, checked against a
/// brute-force ranking computed in the test.
final class VectorSearchIntegrationTests: XCTestCase {
    private typealias Fixtures = VectorSearchFixtures
    private static let dimensions = 8
    private let documents = Fixtures.documents(count: 60, dimensions: dimensions, seed: 42)
    private let queries = Fixtures.documents(count: 4, dimensions: dimensions, seed: 99).map(\.embedding)

    func testSearchByVectorReturnsTheExactTopKForEverySimilarityFunction() async throws {
        for similarity in SimilarityFunction.allCases {
            try await Fixtures.forEachStorage(dimensions: Self.dimensions, similarity: similarity) { collection, _ in
                try await collection.upsert(documents)
                for query in queries {
                    for limit in [1, 5, 60, 100] {
                        let results = try await collection.search(vector: query, limit: limit)
                        let expected = try Fixtures.expected(documents, query: query, similarity: similarity, limit: limit)
                        XCTAssertEqual(results, expected, "\(collection.storage) \(similarity) limit \(limit)")
                    }
                }
            }
        }
    }

    func testMinimumSimilarityCutsTheTailOnly() async throws {
        try await Fixtures.forEachStorage(dimensions: Self.dimensions) { collection, _ in
            try await collection.upsert(documents)
            for threshold: Float in [0.4, 0.6, 0.75, 0.99] {
                let results = try await collection.search(vector: queries[0], limit: 20, minimumSimilarity: threshold)
                let expected = try Fixtures.expected(documents, query: queries[0], similarity: .cosine, limit: 20,
                                                     minimumSimilarity: threshold)
                XCTAssertEqual(results, expected, "\(collection.storage) threshold \(threshold)")
                XCTAssertTrue(results.allSatisfy { $0.similarity >= threshold })
            }
            let all = try await collection.search(vector: queries[0], limit: 60, minimumSimilarity: 0.6)
            let unbounded = try await collection.search(vector: queries[0], limit: 60)
            XCTAssertLessThan(all.count, unbounded.count, "the threshold removed some documents")
            XCTAssertEqual(all, Array(unbounded.prefix(all.count)))
        }
    }

    func testMetadataFiltersSelectBeforeRankingSoTopKIsFilledWithMatches() async throws {
        try await Fixtures.forEachStorage(dimensions: Self.dimensions) { collection, _ in
            try await collection.upsert(documents)
            for filter in [["group": "b"], ["group": "a", "parity": "odd"], ["parity": "even"], ["group": "z"], ["missing": "b"]] {
                let results = try await collection.search(vector: queries[1], limit: 5, metadata: filter)
                let expected = try Fixtures.expected(documents, query: queries[1], similarity: .cosine, limit: 5, metadata: filter)
                XCTAssertEqual(results, expected, "\(collection.storage) \(filter)")
                XCTAssertTrue(results.allSatisfy { result in filter.allSatisfy { result.metadata[$0.key] == $0.value } })
            }
            // Ten documents are in group "a" and odd: a limit of 5 still returns 5 of them,
            // not the matches among the 5 nearest overall.
            let filtered = try await collection.search(vector: queries[1], limit: 5, metadata: ["group": "a", "parity": "odd"])
            XCTAssertEqual(filtered.count, 5)
            let combined = try await collection.search(vector: queries[1], limit: 10, minimumSimilarity: 0.5,
                                                       metadata: ["group": "c"])
            let expected = try Fixtures.expected(documents, query: queries[1], similarity: .cosine, limit: 10,
                                                 minimumSimilarity: 0.5, metadata: ["group": "c"])
            XCTAssertEqual(combined, expected)
        }
    }

    func testNativeAndFallbackLayoutsRankTheSameDataIdentically() async throws {
        try await withTestSession { session, keyspace in
            guard try await Fixtures.supportedStorages(session).contains(.native) else {
                throw XCTSkip("the server has no native vectors (Cassandra < 5): only the fallback layout exists")
            }
            for similarity in SimilarityFunction.allCases {
                let native = try await VectorCollection.create(session: session, keyspace: keyspace, table: "native_\(similarity)",
                                                               dimensions: Self.dimensions, similarity: similarity, storage: .native)
                let fallback = try await VectorCollection.create(session: session, keyspace: keyspace, table: "fallback_\(similarity)",
                                                                 dimensions: Self.dimensions, similarity: similarity, storage: .fallback)
                XCTAssertEqual([native.storage, fallback.storage], [.native, .fallback])
                try await native.upsert(documents)
                try await fallback.upsert(documents)
                for query in queries {
                    for (limit, filter) in [(10, [String: String]()), (3, ["group": "b"]), (60, ["parity": "odd"])] {
                        let nativeResults = try await native.search(vector: query, limit: limit, metadata: filter)
                        let fallbackResults = try await fallback.search(vector: query, limit: limit, metadata: filter)
                        XCTAssertEqual(nativeResults.map(\.id), fallbackResults.map(\.id), "\(similarity) \(filter)")
                        XCTAssertEqual(nativeResults, fallbackResults)
                        XCTAssertFalse(nativeResults.isEmpty)
                    }
                }
            }
        }
    }

    func testFallbackScanPagesThroughTheWholeTable() async throws {
        try await withTestSession { session, keyspace in
            var collection = try await VectorCollection.create(session: session, keyspace: keyspace, table: "docs",
                                                               dimensions: Self.dimensions, storage: .fallback)
            collection.scanPageSize = 7
            try await collection.upsert(documents)
            let results = try await collection.search(vector: queries[2], limit: 60)
            XCTAssertEqual(results, try Fixtures.expected(documents, query: queries[2], similarity: .cosine, limit: 60))
            XCTAssertEqual(results.count, 60)
        }
    }

    func testSearchByTextRanksTheClosestDocumentsFirst() async throws {
        let embedder = CachingEmbeddingProvider(try HashingEmbedder(dimensions: 256))
        let corpus = [
            TextDocument(id: "cat", content: "The cat sat on the mat all afternoon", metadata: ["topic": "pets"]),
            TextDocument(id: "cats", content: "Cats sleep on mats and sofas", metadata: ["topic": "pets"]),
            TextDocument(id: "dog", content: "A dog chased the ball across the park", metadata: ["topic": "pets"]),
            TextDocument(id: "rates", content: "Central banks raised interest rates again", metadata: ["topic": "finance"]),
            TextDocument(id: "stocks", content: "Stock markets fell on interest rate fears", metadata: ["topic": "finance"]),
        ]
        try await Fixtures.forEachStorage(dimensions: 256, embedder: embedder) { collection, _ in
            try await collection.upsert(texts: corpus)
            let pets = try await collection.search(text: "a cat sitting on a mat", limit: 3)
            XCTAssertEqual(pets.first?.id, "cat", "\(collection.storage)")
            XCTAssertEqual(Set(pets.prefix(2).map(\.id)), ["cat", "cats"])
            XCTAssertEqual(pets.first?.content, "The cat sat on the mat all afternoon")
            XCTAssertEqual(pets.first?.metadata, ["topic": "pets"])
            let finance = try await collection.search(text: "interest rates", limit: 5, metadata: ["topic": "finance"])
            XCTAssertEqual(finance.map(\.id), ["rates", "stocks"])
            let strict = try await collection.search(text: "interest rates", limit: 5, minimumSimilarity: 0.7)
            XCTAssertEqual(strict.first?.id, "rates")
            XCTAssertFalse(strict.contains { $0.metadata["topic"] == "pets" })
            XCTAssertEqual(pets.map(\.similarity), pets.map(\.similarity).sorted(by: >))
        }
        XCTAssertGreaterThan(embedder.statistics.hits, 0, "repeated query texts came from the cache")
    }
}
