import CQLProtocol
import XCTest
@testable import CQLServer

/// `ORDER BY` (`SelectOrdering`): Cassandra's rules for clustering order, ordering across an
/// `IN` on the partition key, and ANN ordering over an SAI-indexed vector column scored with
/// the index's similarity function.
final class SelectOrderingTests: XCTestCase {
    private func clustered() throws -> QueryHarness {
        let cql = try QueryHarness.withKeyspace("CREATE TABLE t (k int, a int, b int, v int, PRIMARY KEY (k, a, b))")
        for k in 1...2 {
            for a in 1...2 {
                for b in 1...2 { try cql.run("INSERT INTO t (k, a, b, v) VALUES (\(k), \(a), \(b), \(k * 100 + a * 10 + b))") }
            }
        }
        return cql
    }

    func testOrderByRules() throws {
        let cql = try clustered()
        cql.assertError("SELECT * FROM t ORDER BY a DESC", .invalid, "ORDER BY is only supported when the partition key is restricted by an EQ or an IN.")
        cql.assertError("SELECT * FROM t WHERE k = 1 ORDER BY v", .invalid,
                        "Order by is currently only supported on the clustered columns of the PRIMARY KEY, got v")
        cql.assertError("SELECT * FROM t WHERE k = 1 ORDER BY b", .invalid,
                        "Order by currently only supports the ordering of columns following their declared order in the PRIMARY KEY")
        cql.assertError("SELECT * FROM t WHERE k = 1 ORDER BY a ASC, b DESC", .invalid, "Unsupported order by relation")
        XCTAssertEqual(try cql.rows("SELECT v FROM t WHERE k = 1 ORDER BY a DESC, b DESC").column("v"), [122, 121, 112, 111].map { .int($0) })
        XCTAssertEqual(try cql.rows("SELECT v FROM t WHERE k = 1 ORDER BY a DESC").column("v"), [122, 121, 112, 111].map { .int($0) })
    }

    func testOrderByAcrossAnINMergesPartitionsWhenNotPaging() throws {
        let cql = try clustered()
        XCTAssertEqual(try cql.rows("SELECT v FROM t WHERE k IN (1, 2) ORDER BY a DESC, b DESC").column("v"),
                       [122, 222, 121, 221, 112, 212, 111, 211].map { .int($0) })
        XCTAssertThrowsError(try cql.rows("SELECT v FROM t WHERE k IN (1, 2) ORDER BY a DESC", pageSize: 3)) { error in
            XCTAssertTrue((error as? ServerError)?.message.hasPrefix("Cannot page queries with both ORDER BY and a IN restriction on the partition key") == true)
        }
        XCTAssertEqual(try cql.rows("SELECT v FROM t WHERE k IN (1) ORDER BY a DESC", pageSize: 3).rows.count, 3)
    }

    // MARK: ANN

    private func vectors(similarity: String) throws -> QueryHarness {
        let cql = try QueryHarness.withKeyspace("CREATE TABLE e (k int PRIMARY KEY, vec vector<float, 2>)")
        try cql.run("CREATE INDEX ON e (vec) USING 'sai' WITH OPTIONS = {'similarity_function': '\(similarity)'}")
        try cql.run("INSERT INTO e (k, vec) VALUES (1, [1.0, 0.0])")
        try cql.run("INSERT INTO e (k, vec) VALUES (2, [0.0, 1.0])")
        try cql.run("INSERT INTO e (k, vec) VALUES (3, [3.0, 3.0])")
        try cql.run("INSERT INTO e (k) VALUES (4)")
        return cql
    }

    func testANNOrdersByTheIndexSimilarityFunction() throws {
        let cosine = try vectors(similarity: "cosine")
        XCTAssertEqual(try cosine.rows("SELECT k FROM e ORDER BY vec ANN OF [1.0, 0.1] LIMIT 3").column("k"), [.int(1), .int(3), .int(2)])
        let euclidean = try vectors(similarity: "euclidean")
        XCTAssertEqual(try euclidean.rows("SELECT k FROM e ORDER BY vec ANN OF [2.0, 1.0] LIMIT 2").column("k"), [.int(1), .int(2)])
        let dot = try vectors(similarity: "dot_product")
        XCTAssertEqual(try dot.rows("SELECT k FROM e ORDER BY vec ANN OF [0.0, 1.0] LIMIT 1").column("k"), [.int(3)])
    }

    func testSimilarityFunctionsUseCassandrasScaling() throws {
        let cql = try vectors(similarity: "cosine")
        let row = try cql.rows("""
            SELECT similarity_cosine(vec, [1.0, 0.0]), similarity_euclidean(vec, [1.0, 0.0]),
                   similarity_dot_product(vec, [1.0, 0.0]) FROM e WHERE k = 2
            """)
        XCTAssertEqual(row.types, [.float, .float, .float])
        XCTAssertEqual(row.rows, [[.float(0.5), .float(1.0 / 3.0), .float(0.5)]])
    }

    func testANNNeedsALimitAndAnSAIIndex() throws {
        let cql = try vectors(similarity: "cosine")
        cql.assertError("SELECT k FROM e ORDER BY vec ANN OF [1.0, 0.0]", .invalid,
                        "SAI based ORDER BY clause requires a LIMIT that is not greater than 1000. LIMIT was NO LIMIT")
        cql.assertError("SELECT k FROM e ORDER BY vec ANN OF [1.0, 0.0] LIMIT 1001", .invalid,
                        "SAI based ORDER BY clause requires a LIMIT that is not greater than 1000. LIMIT was 1001")
        try cql.run("CREATE TABLE plain (k int PRIMARY KEY, vec vector<float, 2>)")
        XCTAssertNotNil(cql.error("SELECT k FROM plain ORDER BY vec ANN OF [1.0, 0.0] LIMIT 1"))
        cql.assertError("CREATE INDEX ON plain (vec) USING 'sai' WITH OPTIONS = {'similarity_function': 'manhattan'}", .invalid,
                        "Similarity function manhattan was not recognized")
        XCTAssertEqual(cql.error("CREATE INDEX ON plain (vec)")?.code, .invalid, "vectors need an SAI index")
    }
}
