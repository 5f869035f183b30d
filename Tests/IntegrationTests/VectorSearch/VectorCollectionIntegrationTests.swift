import CassandraDriver
import CassandraVectorSearch
import CQLTesting
import XCTest

/// ``VectorCollection`` against a real server: creation, upsert, get, delete and bad input,
/// in every storage layout the server supports.
final class VectorCollectionIntegrationTests: XCTestCase {
    private typealias Fixtures = VectorSearchFixtures

    func testUpsertGetReplaceAndDeleteRoundTripExactly() async throws {
        try await Fixtures.forEachStorage(dimensions: 3) { collection, _ in
            let document = VectorDocument(id: "doc-1", content: "first", metadata: ["lang": "en", "tag": "x"],
                                          embedding: [0.1, -2.5, 3.0e-7])
            try await collection.upsert(document)
            let stored = try await collection.get("doc-1")
            XCTAssertEqual(stored, document, "\(collection.storage)")
            let replaced = VectorDocument(id: "doc-1", content: "second", embedding: [1, 2, 3])
            try await collection.upsert(replaced)
            let reread = try await collection.get("doc-1")
            XCTAssertEqual(reread, replaced, "metadata is replaced too (empty map)")
            try await collection.delete("doc-1")
            let deleted = try await collection.get("doc-1")
            XCTAssertNil(deleted)
            try await collection.delete("never-stored")
            let missing = try await collection.get("never-stored")
            XCTAssertNil(missing)
        }
    }

    func testUpsertManyStoresEveryDocument() async throws {
        let documents = Fixtures.documents(count: 75, dimensions: 4, seed: 7)
        try await Fixtures.forEachStorage(dimensions: 4) { collection, _ in
            for (concurrency, slice) in [(8, documents[..<60]), (0, documents[60...])] {
                var collection = collection
                collection.maximumConcurrentWrites = concurrency
                try await collection.upsert(Array(slice))
            }
            for document in documents {
                let stored = try await collection.get(document.id)
                XCTAssertEqual(stored, document, "\(collection.storage) \(document.id)")
            }
        }
    }

    func testTextUpsertStoresTheEmbeddersVector() async throws {
        let embedder = try HashingEmbedder(dimensions: 32)
        try await Fixtures.forEachStorage(dimensions: 32, embedder: embedder) { collection, _ in
            try await collection.upsert(id: "t1", content: "Red running shoes", metadata: ["kind": "shoe"])
            try await collection.upsert(texts: [TextDocument(id: "t2", content: "Blue hat")])
            let first = try await collection.get("t1")
            XCTAssertEqual(first?.embedding, try embedder.embedding(of: "Red running shoes"))
            XCTAssertEqual(first?.metadata, ["kind": "shoe"])
            let second = try await collection.get("t2")
            XCTAssertEqual(second?.content, "Blue hat")
            XCTAssertEqual(second?.embedding, try embedder.embedding(of: "Blue hat"))
        }
    }

    func testBadInputIsRejectedWithTypedErrorsAndWritesNothing() async throws {
        try await Fixtures.forEachStorage(dimensions: 3) { collection, _ in
            let error = await Fixtures.assertThrows(.dimensionMismatch) {
                try await collection.upsert(VectorDocument(id: "x", content: "", embedding: [1, 2]))
            }
            XCTAssertEqual(error?.expectedDimensions, 3)
            XCTAssertEqual(error?.actualDimensions, 2)
            XCTAssertEqual(error?.documentID, "x")
            await Fixtures.assertThrows(.invalidArgument) {
                try await collection.upsert(VectorDocument(id: "", content: "", embedding: [1, 2, 3]))
            }
            await Fixtures.assertThrows(.invalidVector) {
                try await collection.upsert(VectorDocument(id: "nan", content: "", embedding: [1, .nan, 3]))
            }
            await Fixtures.assertThrows(.invalidVector, "cosine has no zero vectors") {
                try await collection.upsert(VectorDocument(id: "zero", content: "", embedding: [0, 0, 0]))
            }
            await Fixtures.assertThrows(.invalidVector, "near-zero counts as zero, as in Cassandra") {
                _ = try await collection.search(vector: [1e-7, -1e-6, 0])
            }
            try await collection.upsert(VectorDocument(id: "small", content: "", embedding: [2e-6, 0, 0]))
            await Fixtures.assertThrows(.dimensionMismatch, "one bad document stops the whole batch before any write") {
                try await collection.upsert([VectorDocument(id: "ok", content: "", embedding: [1, 2, 3]),
                                             VectorDocument(id: "bad", content: "", embedding: [1])])
            }
            let ok = try await collection.get("ok")
            XCTAssertNil(ok)
            await Fixtures.assertThrows(.invalidArgument, "text APIs need an embedder") {
                try await collection.upsert(id: "t", content: "text")
            }
            await Fixtures.assertThrows(.dimensionMismatch) { _ = try await collection.search(vector: [1, 2, 3, 4]) }
            await Fixtures.assertThrows(.invalidArgument) { _ = try await collection.search(vector: [1, 2, 3], limit: 0) }
            await Fixtures.assertThrows(.invalidArgument) { _ = try await collection.search(vector: [1, 2, 3], limit: 1_001) }
            await Fixtures.assertThrows(.invalidArgument) {
                _ = try await collection.search(vector: [1, 2, 3], minimumSimilarity: .nan)
            }
        }
    }

    func testInvalidNamesAndMismatchedEmbeddersFailBeforeAnyRequest() async throws {
        try await withTestSession { session, keyspace in
            await Fixtures.assertThrows(.invalidIdentifier) {
                _ = try await VectorCollection.create(session: session, keyspace: keyspace, table: "docs\"; DROP TABLE x", dimensions: 3)
            }
            await Fixtures.assertThrows(.invalidIdentifier) {
                _ = try await VectorCollection.create(session: session, keyspace: "", table: "docs", dimensions: 3)
            }
            await Fixtures.assertThrows(.invalidArgument) {
                _ = try await VectorCollection.create(session: session, keyspace: keyspace, table: "docs", dimensions: 0)
            }
            await Fixtures.assertThrows(.dimensionMismatch) {
                _ = try await VectorCollection.create(session: session, keyspace: keyspace, table: "docs", dimensions: 3,
                                                      embedder: try HashingEmbedder(dimensions: 8))
            }
            let tables = try await session.execute(
                "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace)
            XCTAssertEqual(tables.count, 0)
        }
    }

    func testAFailingProviderIsReportedWithItsError() async throws {
        struct Unavailable: Error {}
        struct FailingProvider: EmbeddingProvider {
            var dimensions: Int { 4 }
            func embed(_ texts: [String]) async throws -> [[Float]] { throw Unavailable() }
        }
        struct ShortProvider: EmbeddingProvider {
            var dimensions: Int { 4 }
            func embed(_ texts: [String]) async throws -> [[Float]] { texts.map { _ in [1, 0, 0] } }
        }
        try await withTestSession { session, keyspace in
            let failing = try await VectorCollection.create(session: session, keyspace: keyspace, table: "failing",
                                                            embedder: FailingProvider(), storage: .fallback)
            let error = await Fixtures.assertThrows(.providerFailed) { try await failing.upsert(id: "a", content: "text") }
            XCTAssertTrue(error?.underlying is Unavailable)
            await Fixtures.assertThrows(.providerFailed) { _ = try await failing.search(text: "text") }
            let short = try await VectorCollection.create(session: session, keyspace: keyspace, table: "short",
                                                          embedder: ShortProvider(), storage: .fallback)
            let shortError = await Fixtures.assertThrows(.providerFailed) { try await short.upsert(id: "a", content: "text") }
            XCTAssertEqual((shortError?.underlying as? VectorSearchError)?.actualDimensions, 3)
        }
    }
}
