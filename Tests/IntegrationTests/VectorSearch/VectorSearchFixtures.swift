import CassandraDriver
import CassandraVectorSearch
import CQLTesting
import XCTest

/// Data and helpers shared by the vector search integration tests.
enum VectorSearchFixtures {
    /// The storage layouts the test server supports: always the fallback, plus native on
    /// Cassandra 5+ and the embedded server (a real Cassandra 4 has no vector type or SAI).
    static func supportedStorages(_ session: Session) async throws -> [VectorStorage] {
        let version = try await VectorCollection.serverReleaseVersion(session: session)
        let major = Int(version.prefix { $0.isNumber }) ?? 0
        return major >= 5 ? [.fallback, .native] : [.fallback]
    }

    /// The requested mode that yields `storage`.
    static func mode(_ storage: VectorStorage) -> VectorStorageMode {
        switch storage {
        case .native: .native
        case .fallback: .fallback
        }
    }

    /// Runs `body` once per supported layout, each in a fresh keyspace with a collection named `docs`.
    static func forEachStorage(dimensions: Int, similarity: SimilarityFunction = .cosine, embedder: (any EmbeddingProvider)? = nil,
                               _ body: (VectorCollection, Session) async throws -> Void) async throws {
        try await withTestSession { session, keyspace in
            for storage in try await supportedStorages(session) {
                let collection = try await VectorCollection.create(
                    session: session, keyspace: keyspace, table: "docs_\(storage)", dimensions: dimensions,
                    similarity: similarity, storage: mode(storage), embedder: embedder)
                XCTAssertEqual(collection.storage, storage)
                try await body(collection, session)
            }
        }
    }

    /// `count` deterministic documents with unit-length `dimensions`-component vectors (dot
    /// product is meant for unit vectors, in Cassandra too), ids
    /// `d000`…, metadata `group` (`a`, `b` or `c` by id) and `parity` (`even`/`odd`).
    static func documents(count: Int, dimensions: Int, seed: UInt64) -> [VectorDocument] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { index in
            let raw = (0..<dimensions).map { _ in Double(generator.next() >> 11) / Double(1 << 53) * 2 - 1 }
            let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let vector = raw.map { Float($0 / norm) }
            let id = "d" + String(repeating: "0", count: 3 - String(index).count) + String(index)
            return VectorDocument(id: id, content: "document \(index)",
                                  metadata: ["group": ["a", "b", "c"][index % 3], "parity": index % 2 == 0 ? "even" : "odd"],
                                  embedding: vector)
        }
    }

    /// The exact answer, computed here by brute force: matching documents, scored, filtered by
    /// the threshold, by descending similarity then id, at most `limit`.
    static func expected(_ documents: [VectorDocument], query: [Float], similarity: SimilarityFunction, limit: Int,
                         minimumSimilarity: Float? = nil, metadata: [String: String] = [:]) throws -> [VectorSearchResult] {
        let matching = documents.filter { document in metadata.allSatisfy { document.metadata[$0.key] == $0.value } }
        let scored = try matching.map { document in
            VectorSearchResult(id: document.id, content: document.content, metadata: document.metadata,
                               similarity: try similarity.score(query, document.embedding))
        }
        return Array(scored
            .filter { minimumSimilarity == nil || $0.similarity >= minimumSimilarity! }
            .sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.id < $1.id }
            .prefix(limit))
    }

    /// Asserts that `body` throws a ``VectorSearchError`` with `code`, and returns it.
    @discardableResult
    static func assertThrows(_ code: VectorSearchError.Code, _ message: String = "", file: StaticString = #filePath, line: UInt = #line,
                             _ body: () async throws -> Void) async -> VectorSearchError? {
        do {
            try await body()
            XCTFail("expected \(code), nothing was thrown. \(message)", file: file, line: line)
        } catch let error as VectorSearchError {
            XCTAssertEqual(error.code, code, "\(message) \(error)", file: file, line: line)
            return error
        } catch {
            XCTFail("expected VectorSearchError.\(code), got \(error). \(message)", file: file, line: line)
        }
        return nil
    }
}
