import CQLProtocol
import XCTest
@testable import CQLServer

/// SELECT execution (`SelectExecutor`): result order (partitions by Murmur3 token, rows by
/// clustering), IN, DISTINCT, LIMIT and PER PARTITION LIMIT, aggregates, and Cassandra's
/// ALLOW FILTERING rules (`StatementRestrictions`).
final class SelectExecutorTests: XCTestCase {
    private func harness() throws -> QueryHarness {
        let cql = try QueryHarness.withKeyspace("CREATE TABLE t (k int, c int, v int, s int STATIC, PRIMARY KEY (k, c))")
        for k in 0..<6 {
            for c in 0..<3 { try cql.run("INSERT INTO t (k, c, v) VALUES (\(k), \(c), \(k * 10 + c))") }
        }
        return cql
    }

    private func token(_ key: Int32) -> Int64 {
        Murmur3Partitioner.token(for: withUnsafeBytes(of: key.bigEndian) { Array($0) })
    }

    func testTokenMatchesCassandrasMurmur3() throws {
        let cql = try harness()
        XCTAssertEqual(try cql.rows("SELECT token(k) FROM t WHERE k = 1 LIMIT 1").rows, [[.bigint(-4_069_959_284_402_364_209)]])
    }

    func testPartitionsComeInTokenOrderAndRowsInClusteringOrder() throws {
        let cql = try harness()
        let rows = try cql.rows("SELECT k, c FROM t").rows
        let expectedKeys = (0..<6).map(Int32.init).sorted { token($0) < token($1) }
        XCTAssertEqual(rows, expectedKeys.flatMap { k in (0..<3).map { [.int(k), .int(Int32($0))] as [CQLValue?] } })
    }

    func testDescendingClusteringOrderFromTheSchemaAndFromOrderBy() throws {
        let cql = try QueryHarness.withKeyspace("CREATE TABLE d (k int, c int, PRIMARY KEY (k, c)) WITH CLUSTERING ORDER BY (c DESC)")
        for c in [2, 0, 1] { try cql.run("INSERT INTO d (k, c) VALUES (1, \(c))") }
        XCTAssertEqual(try cql.rows("SELECT c FROM d WHERE k = 1").column("c"), [.int(2), .int(1), .int(0)])
        XCTAssertEqual(try cql.rows("SELECT c FROM d WHERE k = 1 ORDER BY c ASC").column("c"), [.int(0), .int(1), .int(2)])
        XCTAssertEqual(try cql.rows("SELECT c FROM d WHERE k = 1 AND c > 0 ORDER BY c ASC").column("c"), [.int(1), .int(2)])
    }

    func testTokenRangeRestriction() throws {
        let cql = try harness()
        let keys = try cql.rows("SELECT DISTINCT k FROM t WHERE token(k) > token(1)").column("k")
        let expected = (0..<6).map(Int32.init).filter { token($0) > token(1) }.sorted { token($0) < token($1) }
        XCTAssertEqual(keys, expected.map { .int($0) })
    }

    func testINOnPartitionKeyAndClustering() throws {
        let cql = try harness()
        let rows = try cql.rows("SELECT k, c FROM t WHERE k IN (4, 2) AND c IN (2, 0)").rows
        XCTAssertEqual(Set(rows.map { $0[0] }), [.int(2), .int(4)])
        XCTAssertEqual(rows.filter { $0[0] == .int(2) }.map { $0[1] }, [.int(0), .int(2)], "clustering IN reads in clustering order")
        XCTAssertEqual(try cql.rows("SELECT c FROM t WHERE k = 2 AND c IN (2, 0) ORDER BY c DESC").column("c"), [.int(2), .int(0)])
        XCTAssertEqual(try cql.rows("SELECT c FROM t WHERE k IN (2, 2) AND c = 1").rows.count, 1, "duplicate IN values read once")
    }

    func testLimitAndPerPartitionLimit() throws {
        let cql = try harness()
        XCTAssertEqual(try cql.rows("SELECT * FROM t LIMIT 4").rows.count, 4)
        let perPartition = try cql.rows("SELECT k, c FROM t PER PARTITION LIMIT 1").rows
        XCTAssertEqual(perPartition.count, 6)
        XCTAssertTrue(perPartition.allSatisfy { $0[1] == .int(0) })
        XCTAssertEqual(try cql.rows("SELECT * FROM t PER PARTITION LIMIT 2 LIMIT 5").rows.count, 5)
        cql.assertError("SELECT * FROM t LIMIT 0", .invalid, "LIMIT must be strictly positive")
        cql.assertError("SELECT * FROM t PER PARTITION LIMIT -1", .invalid, "PER PARTITION LIMIT must be strictly positive")
    }

    func testDistinctReturnsEachPartitionOnceIncludingStaticOnlyOnes() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, s) VALUES (100, 1)")
        try cql.run("UPDATE t SET s = 5 WHERE k = 0")
        let rows = try cql.rows("SELECT DISTINCT k, s FROM t")
        XCTAssertEqual(rows.rows.count, 7)
        XCTAssertEqual(rows.rows.first { $0[0] == .int(0) }, [.int(0), .int(5)])
        XCTAssertEqual(rows.rows.first { $0[0] == .int(100) }, [.int(100), .int(1)])
        cql.assertError("SELECT DISTINCT k, v FROM t", .invalid,
                        "SELECT DISTINCT queries must only request partition key columns and/or static columns (not v)")
        cql.assertError("SELECT DISTINCT s FROM t", .invalid, "SELECT DISTINCT queries must request all the partition key columns (missing k)")
    }

    func testAggregates() throws {
        let cql = try harness()
        let row = try cql.rows("SELECT count(*), min(v), max(v), sum(v), avg(v) FROM t WHERE k = 1")
        XCTAssertEqual(row.columns.first, "count")
        XCTAssertEqual(row.rows, [[.bigint(3), .int(10), .int(12), .int(33), .int(11)]])
        XCTAssertEqual(try cql.rows("SELECT count(*) FROM t").rows, [[.bigint(18)]])
        XCTAssertEqual(try cql.rows("SELECT count(v) FROM t WHERE k = 1 AND c > 0").rows, [[.bigint(2)]])
        let empty = try cql.rows("SELECT count(*), max(v), sum(v), avg(v) FROM t WHERE k = 99").rows
        XCTAssertEqual(empty, [[.bigint(0), nil, .int(0), .int(0)]])
    }

    func testGroupByIsRejectedRatherThanIgnored() throws {
        let cql = try harness()
        cql.assertError("SELECT k, count(*) FROM t GROUP BY k", .invalid, "GROUP BY is not supported by the embedded server")
    }

    func testAggregatesIgnoreLimitsOnTheRowsTheyRead() throws {
        let cql = try harness()
        XCTAssertEqual(try cql.rows("SELECT count(*) FROM t LIMIT 2").rows, [[.bigint(18)]])
        XCTAssertEqual(try cql.rows("SELECT count(*) FROM t PER PARTITION LIMIT 1").rows, [[.bigint(18)]])
    }

    func testWritetimeAndTTLSelectors() throws {
        let cql = try harness()
        try cql.run("UPDATE t USING TTL 100 AND TIMESTAMP 5 SET v = 1 WHERE k = 50 AND c = 0")
        cql.clock.advance(seconds: 30)
        XCTAssertEqual(try cql.rows("SELECT writetime(v), ttl(v), writetime(s), ttl(s) FROM t WHERE k = 50 AND c = 0").rows,
                       [[.bigint(5), .int(70), nil, nil]])
        cql.assertError("SELECT writetime(k) FROM t", .invalid, "Cannot use selection function writetime on PRIMARY KEY part k")
    }

    func testFilteringNeedsAllowFilteringAndUsesCassandrasMessages() throws {
        let cql = try harness()
        let message = "Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING"
        cql.assertError("SELECT * FROM t WHERE v = 11", .invalid, message)
        cql.assertError("SELECT * FROM t WHERE c = 1", .invalid, message)
        XCTAssertEqual(try cql.rows("SELECT k, c FROM t WHERE v = 11 ALLOW FILTERING").rows, [[.int(1), .int(1)]])
        XCTAssertEqual(try cql.rows("SELECT k FROM t WHERE c = 2 AND v > 40 ALLOW FILTERING").rows.count, 2)
        XCTAssertEqual(try cql.rows("SELECT v FROM t WHERE k = 1 AND c > 0 AND c <= 2").column("v"), [.int(11), .int(12)])
    }

    func testClusteringRestrictionsAfterAGapOrASlice() throws {
        let cql = try QueryHarness.withKeyspace("CREATE TABLE w (k int, a int, b int, PRIMARY KEY (k, a, b))")
        try cql.run("INSERT INTO w (k, a, b) VALUES (1, 1, 1)")
        cql.assertError("SELECT * FROM w WHERE k = 1 AND b = 1", .invalid,
                        "PRIMARY KEY column \"b\" cannot be restricted as preceding column \"a\" is not restricted")
        cql.assertError("SELECT * FROM w WHERE k = 1 AND a > 0 AND b = 1", .invalid,
                        "Clustering column \"b\" cannot be restricted (preceding column \"a\" is restricted by a non-EQ relation)")
        XCTAssertEqual(try cql.rows("SELECT a FROM w WHERE k = 1 AND b = 1 ALLOW FILTERING").rows, [[.int(1)]])
    }

    func testMultiColumnSliceNeedsNoFiltering() throws {
        let cql = try QueryHarness.withKeyspace("CREATE TABLE w (k int, a int, b int, PRIMARY KEY (k, a, b))")
        for (a, b) in [(1, 1), (1, 2), (2, 0)] { try cql.run("INSERT INTO w (k, a, b) VALUES (1, \(a), \(b))") }
        XCTAssertEqual(try cql.rows("SELECT a, b FROM w WHERE k = 1 AND (a, b) > (1, 1)").rows, [[.int(1), .int(2)], [.int(2), .int(0)]])
        XCTAssertEqual(try cql.rows("SELECT a, b FROM w WHERE k = 1 AND (a, b) >= (1, 2) AND (a, b) < (2, 0)").rows, [[.int(1), .int(2)]])
    }

    func testUnknownColumnsInSelectionAndWhere() throws {
        let cql = try harness()
        cql.assertError("SELECT nope FROM t", .invalid, "Undefined column name nope")
        cql.assertError("SELECT * FROM t WHERE nope = 1", .invalid, "Undefined column name nope")
    }

    func testAViewIsReadLikeATable() throws {
        let cql = try QueryHarness.withKeyspace(
            "CREATE TABLE t (k int, c int, v int, w int, PRIMARY KEY (k, c))",
            """
            CREATE MATERIALIZED VIEW by_v AS SELECT * FROM t WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL
            PRIMARY KEY (v, k, c) WITH CLUSTERING ORDER BY (k DESC, c ASC)
            """)
        for k in 0..<4 {
            for c in 0..<3 { try cql.run("INSERT INTO t (k, c, v, w) VALUES (\(k), \(c), \(c % 2), \(k * 10 + c))") }
        }
        XCTAssertEqual(try cql.rows("SELECT k, c FROM by_v WHERE v = 1").rows, [[.int(3), .int(1)], [.int(2), .int(1)], [.int(1), .int(1)], [.int(0), .int(1)]],
                       "rows follow the view's clustering order")
        XCTAssertEqual(try cql.rows("SELECT k, c FROM by_v WHERE v = 0 AND k = 2").rows, [[.int(2), .int(0)], [.int(2), .int(2)]])
        XCTAssertEqual(try cql.rows("SELECT k FROM by_v WHERE v = 1 AND k < 2").rows, [[.int(1)], [.int(0)]])
        XCTAssertEqual(try cql.rows("SELECT k, c FROM by_v WHERE v = 1 ORDER BY k ASC, c DESC LIMIT 2").rows, [[.int(0), .int(1)], [.int(1), .int(1)]])
        let pages = try cql.allPages("SELECT w FROM by_v", pageSize: 5)
        XCTAssertEqual(pages.map(\.rows.count), [5, 5, 2])
        XCTAssertEqual(Set(pages.flatMap(\.rows)).count, 12)
        cql.assertError("SELECT * FROM by_v WHERE w = 21", .invalid,
                        "Cannot execute this query as it might involve data filtering and thus may have unpredictable performance.")
        XCTAssertEqual(try cql.rows("SELECT v, k, c FROM by_v WHERE w = 21 ALLOW FILTERING").rows, [[.int(1), .int(2), .int(1)]])
        XCTAssertEqual(try cql.rows("SELECT count(*) FROM by_v WHERE v = 0").rows, [[.bigint(8)]])
        XCTAssertEqual(try cql.rows("SELECT * FROM by_v WHERE v = 0 AND k = 3 AND c = 2").columns, ["v", "k", "c", "w"])
    }
}
