@testable import CassandraVectorSearch
import XCTest

final class VectorTableCQLTests: XCTestCase {
    func testNativeLayoutHasAVectorColumnAndTwoStorageAttachedIndexes() throws {
        let cql = try VectorTableCQL(keyspace: "kb", table: "docs", dimensions: 3, similarity: .dotProduct, storage: .native)
        XCTAssertEqual(cql.createStatements, [
            #"CREATE TABLE IF NOT EXISTS "kb"."docs" (id text PRIMARY KEY, content text, metadata map<text, text>, embedding vector<float, 3>)"#,
            #"CREATE CUSTOM INDEX IF NOT EXISTS "docs_embedding_idx" ON "kb"."docs" (embedding) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'dot_product'}"#,
            #"CREATE CUSTOM INDEX IF NOT EXISTS "docs_metadata_idx" ON "kb"."docs" (entries(metadata)) USING 'StorageAttachedIndex'"#,
        ])
    }

    func testFallbackLayoutStoresABlobWithoutIndexes() throws {
        let cql = try VectorTableCQL(keyspace: "kb", table: "docs", dimensions: 384, similarity: .cosine, storage: .fallback)
        XCTAssertEqual(cql.createStatements, [
            #"CREATE TABLE IF NOT EXISTS "kb"."docs" (id text PRIMARY KEY, content text, metadata map<text, text>, embedding blob)"#,
        ])
        XCTAssertEqual(cql.scan, #"SELECT id, content, metadata, embedding FROM "kb"."docs""#)
    }

    func testDataStatementsBindEveryValue() throws {
        let cql = try VectorTableCQL(keyspace: "kb", table: "docs", dimensions: 3, similarity: .cosine, storage: .native)
        XCTAssertEqual(cql.insert, #"INSERT INTO "kb"."docs" (id, content, metadata, embedding) VALUES (?, ?, ?, ?)"#)
        XCTAssertEqual(cql.selectByID, #"SELECT id, content, metadata, embedding FROM "kb"."docs" WHERE id = ?"#)
        XCTAssertEqual(cql.delete, #"DELETE FROM "kb"."docs" WHERE id = ?"#)
        XCTAssertEqual(cql.annSearch(filterCount: 0),
                       #"SELECT id, content, metadata, embedding FROM "kb"."docs" ORDER BY embedding ANN OF ? LIMIT ?"#)
        XCTAssertEqual(cql.annSearch(filterCount: 2),
                       #"SELECT id, content, metadata, embedding FROM "kb"."docs" WHERE metadata[?] = ? AND metadata[?] = ? ORDER BY embedding ANN OF ? LIMIT ?"#)
    }

    func testInvalidNamesAndDimensionsAreRejectedBeforeAnyCQL() {
        for (keyspace, table) in [("kb", "docs; DROP TABLE x"), ("1kb", "docs"), ("kb", ""), ("kb", "d\"x"),
                                  ("kb", String(repeating: "t", count: 49))] {
            XCTAssertThrowsError(try VectorTableCQL(keyspace: keyspace, table: table, dimensions: 3, similarity: .cosine, storage: .native)) { error in
                XCTAssertEqual((error as? VectorSearchError)?.code, .invalidIdentifier, "\(keyspace).\(table)")
            }
        }
        XCTAssertThrowsError(try VectorTableCQL(keyspace: "kb", table: "docs", dimensions: 0, similarity: .cosine, storage: .native)) { error in
            XCTAssertEqual((error as? VectorSearchError)?.code, .invalidArgument)
        }
    }
}
