import CassandraDriver
import CassandraVectorSearch
import CQLTesting
import XCTest

/// ``VectorCollection/create(session:keyspace:table:dimensions:similarity:storage:embedder:)``
/// against a real server: capability detection, idempotency and layout checks.
final class VectorCollectionCreateIntegrationTests: XCTestCase {
    private typealias Fixtures = VectorSearchFixtures

    func testAutomaticModePicksNativeOnCassandraFiveAndFallbackBefore() async throws {
        try await withTestSession { session, keyspace in
            let supported = try await Fixtures.supportedStorages(session)
            let collection = try await VectorCollection.create(session: session, keyspace: keyspace, table: "docs", dimensions: 3)
            XCTAssertEqual(collection.storage, supported.contains(.native) ? .native : .fallback)
            let columns = try await session.execute(
                "SELECT column_name, type FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?", keyspace, "docs")
            let types = Dictionary(uniqueKeysWithValues: try columns.map { (try $0[0, as: String.self], try $0[1, as: String.self]) })
            XCTAssertEqual(types["embedding"], collection.storage == .native ? "vector<float, 3>" : "blob")
            XCTAssertEqual(types["metadata"], "map<text, text>")
            if !supported.contains(.native) {
                await Fixtures.assertThrows(.nativeVectorsUnsupported) {
                    _ = try await VectorCollection.create(session: session, keyspace: keyspace, table: "other", dimensions: 3, storage: .native)
                }
            }
        }
    }

    func testCreatingTwiceKeepsTheTableAndItsDocuments() async throws {
        try await Fixtures.forEachStorage(dimensions: 3) { collection, session in
            try await collection.upsert(VectorDocument(id: "kept", content: "x", embedding: [1, 2, 3]))
            let again = try await VectorCollection.create(session: session, keyspace: collection.keyspace, table: collection.table,
                                                          dimensions: 3, storage: .automatic)
            XCTAssertEqual(again.storage, collection.storage, "automatic adopts the existing layout")
            let kept = try await again.get("kept")
            XCTAssertEqual(kept?.embedding, [1, 2, 3])
        }
    }

    func testAnExistingTableWithAnotherLayoutIsRefused() async throws {
        try await Fixtures.forEachStorage(dimensions: 3) { collection, session in
            let other: VectorStorageMode = collection.storage == .native ? .fallback : .native
            await Fixtures.assertThrows(.schemaMismatch, "explicit \(other) over \(collection.storage)") {
                _ = try await VectorCollection.create(session: session, keyspace: collection.keyspace, table: collection.table,
                                                      dimensions: 3, storage: other)
            }
            if collection.storage == .native {
                let error = await Fixtures.assertThrows(.dimensionMismatch) {
                    _ = try await VectorCollection.create(session: session, keyspace: collection.keyspace, table: collection.table,
                                                          dimensions: 4)
                }
                XCTAssertEqual(error?.expectedDimensions, 4)
                XCTAssertEqual(error?.actualDimensions, 3)
                await Fixtures.assertThrows(.schemaMismatch, "the index was created with cosine") {
                    _ = try await VectorCollection.create(session: session, keyspace: collection.keyspace, table: collection.table,
                                                          dimensions: 3, similarity: .euclidean)
                }
            }
        }
    }

    func testATableThatIsNotACollectionIsRefused() async throws {
        try await withTestSession { session, keyspace in
            _ = try await session.execute(
                "CREATE TABLE \(keyspace).notes (id text PRIMARY KEY, content text, metadata map<text, text>, embedding list<float>)")
            _ = try await session.execute("CREATE TABLE \(keyspace).users (id uuid PRIMARY KEY, name text)")
            for table in ["notes", "users"] {
                await Fixtures.assertThrows(.schemaMismatch, table) {
                    _ = try await VectorCollection.create(session: session, keyspace: keyspace, table: table, dimensions: 3)
                }
            }
        }
    }

    func testFallbackRowsWithAForeignBlobAreReportedAsCorrupt() async throws {
        try await withTestSession { session, keyspace in
            let collection = try await VectorCollection.create(session: session, keyspace: keyspace, table: "docs",
                                                               dimensions: 3, storage: .fallback)
            _ = try await session.execute("INSERT INTO \(keyspace).docs (id, content, embedding) VALUES ('bad', 'x', 0x0102)")
            let error = await Fixtures.assertThrows(.corruptEmbedding) { _ = try await collection.get("bad") }
            XCTAssertEqual(error?.documentID, "bad")
            await Fixtures.assertThrows(.corruptEmbedding) { _ = try await collection.search(vector: [1, 0, 0]) }
        }
    }
}
