import CQLProtocol
import XCTest
@testable import CQLServer

/// Materialized view maintenance (`StorageEngine+Views.swift`): every kind of base write —
/// INSERT, UPDATE, DELETE of cells, rows, ranges and partitions, TTLs, batches, LWTs,
/// collections — leaves the view holding exactly the base rows it should, with the base
/// cells' write times and TTLs.
final class StorageEngineViewsTests: XCTestCase {
    /// Base `t (k, c) → v, w` with view `by_v` keyed on the base column `v`.
    private func harness(_ setup: String...) throws -> QueryHarness {
        let cql = try QueryHarness.withKeyspace(
            "CREATE TABLE t (k int, c int, v int, w text, PRIMARY KEY (k, c))",
            """
            CREATE MATERIALIZED VIEW by_v AS SELECT * FROM t
            WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, k, c)
            """)
        for statement in setup { try cql.run(statement) }
        return cql
    }

    private func view(_ cql: QueryHarness, _ columns: String = "v, k, c, w") throws -> [[CQLValue?]] {
        try cql.rows("SELECT \(columns) FROM by_v").rows
    }

    func testInsertAppearsWithTheBaseWriteTimeAndTTL() throws {
        let cql = try harness("INSERT INTO t (k, c, v, w) VALUES (1, 1, 10, 'a') USING TIMESTAMP 1000 AND TTL 100")
        XCTAssertEqual(try view(cql, "v, k, c, w, writetime(w), ttl(w)"), [[.int(10), .int(1), .int(1), .text("a"), .bigint(1000), .int(100)]])
        cql.clock.advance(seconds: 40)
        XCTAssertEqual(try view(cql, "ttl(w)"), [[.int(60)]])
        cql.clock.advance(seconds: 60)
        XCTAssertEqual(try view(cql), [], "the view row expires with the base row")
        XCTAssertEqual(try cql.rows("SELECT * FROM t").rows, [])
    }

    func testUpdatingAColumnUpdatesTheViewRow() throws {
        let cql = try harness("INSERT INTO t (k, c, v, w) VALUES (1, 1, 10, 'a')")
        try cql.run("UPDATE t SET w = 'b' WHERE k = 1 AND c = 1")
        XCTAssertEqual(try view(cql), [[.int(10), .int(1), .int(1), .text("b")]])
        try cql.run("DELETE w FROM t WHERE k = 1 AND c = 1")
        XCTAssertEqual(try view(cql), [[.int(10), .int(1), .int(1), nil]])
    }

    func testChangingTheKeyColumnMovesTheRow() throws {
        let cql = try harness("INSERT INTO t (k, c, v, w) VALUES (1, 1, 10, 'a') USING TIMESTAMP 1000")
        try cql.run("UPDATE t USING TIMESTAMP 2000 SET v = 20 WHERE k = 1 AND c = 1")
        XCTAssertEqual(try view(cql, "v, k, c, w, writetime(w)"), [[.int(20), .int(1), .int(1), .text("a"), .bigint(1000)]])
        XCTAssertEqual(try cql.rows("SELECT * FROM by_v WHERE v = 10").rows, [])
        try cql.run("UPDATE t USING TIMESTAMP 3000 SET v = 10 WHERE k = 1 AND c = 1")
        XCTAssertEqual(try view(cql), [[.int(10), .int(1), .int(1), .text("a")]], "moving back revives the first view row")
    }

    func testANullKeyColumnRemovesTheRowAndAValueBringsItBack() throws {
        let cql = try harness("INSERT INTO t (k, c, v, w) VALUES (1, 1, 10, 'a')")
        try cql.run("UPDATE t SET v = null WHERE k = 1 AND c = 1")
        XCTAssertEqual(try view(cql), [])
        XCTAssertEqual(try cql.rows("SELECT k, v, w FROM t").rows, [[.int(1), nil, .text("a")]])
        try cql.run("UPDATE t SET w = 'b' WHERE k = 1 AND c = 1")
        XCTAssertEqual(try view(cql), [], "rows whose key column is null stay out of the view")
        try cql.run("UPDATE t SET v = 30 WHERE k = 1 AND c = 1")
        XCTAssertEqual(try view(cql), [[.int(30), .int(1), .int(1), .text("b")]])
        try cql.run("INSERT INTO t (k, c, w) VALUES (2, 2, 'no key')")
        XCTAssertEqual(try view(cql).count, 1)
    }

    func testOlderWritesToTheKeyColumnChangeNothing() throws {
        let cql = try harness("INSERT INTO t (k, c, v, w) VALUES (1, 1, 10, 'a') USING TIMESTAMP 5000")
        try cql.run("UPDATE t USING TIMESTAMP 4000 SET v = 20 WHERE k = 1 AND c = 1")
        XCTAssertEqual(try view(cql), [[.int(10), .int(1), .int(1), .text("a")]])
        try cql.run("DELETE v FROM t USING TIMESTAMP 6000 WHERE k = 1 AND c = 1")
        try cql.run("UPDATE t USING TIMESTAMP 5500 SET v = 10 WHERE k = 1 AND c = 1")
        XCTAssertEqual(try view(cql), [], "the tombstone at 6000 wins over the value at 5500")
    }

    func testRowRangeAndPartitionDeletions() throws {
        let cql = try harness()
        for k in 1...2 {
            for c in 1...4 { try cql.run("INSERT INTO t (k, c, v, w) VALUES (\(k), \(c), \(k * 10 + c), 'x')") }
        }
        try cql.run("DELETE FROM t WHERE k = 1 AND c = 1")
        XCTAssertEqual(try view(cql, "v").count, 7)
        try cql.run("DELETE FROM t WHERE k = 1 AND c > 2")
        XCTAssertEqual(Set(try view(cql, "v")), [[.int(12)], [.int(21)], [.int(22)], [.int(23)], [.int(24)]])
        try cql.run("DELETE FROM t WHERE k = 2")
        XCTAssertEqual(try view(cql, "v"), [[.int(12)]])
        try cql.run("INSERT INTO t (k, c, v) VALUES (2, 1, 99)")
        XCTAssertEqual(Set(try view(cql, "v")), [[.int(12)], [.int(99)]], "rows written after a partition deletion appear")
    }

    func testATTLOnTheKeyColumnEndsTheViewRowAlone() throws {
        let cql = try harness("INSERT INTO t (k, c, v, w) VALUES (1, 1, 10, 'a')")
        try cql.run("UPDATE t USING TTL 5 SET v = 11 WHERE k = 1 AND c = 1")
        XCTAssertEqual(try view(cql, "v, ttl(w)"), [[.int(11), nil]])
        cql.clock.advance(seconds: 6)
        XCTAssertEqual(try view(cql), [])
        XCTAssertEqual(try cql.rows("SELECT k, v, w FROM t").rows, [[.int(1), nil, .text("a")]])
    }

    func testBatchesAndLightweightTransactions() throws {
        let cql = try harness()
        try cql.batch(.logged, [
            "INSERT INTO t (k, c, v, w) VALUES (1, 1, 10, 'a')", "INSERT INTO t (k, c, v, w) VALUES (2, 1, 20, 'b')",
            "UPDATE t SET v = 11 WHERE k = 1 AND c = 1",
        ])
        XCTAssertEqual(Set(try view(cql, "v, k")), [[.int(11), .int(1)], [.int(20), .int(2)]])
        try cql.run("INSERT INTO t (k, c, v, w) VALUES (3, 1, 30, 'c') IF NOT EXISTS")
        try cql.run("UPDATE t SET v = 31 WHERE k = 3 AND c = 1 IF w = 'c'")
        try cql.run("UPDATE t SET v = 32 WHERE k = 3 AND c = 1 IF w = 'nope'")
        try cql.run("DELETE FROM t WHERE k = 2 AND c = 1 IF EXISTS")
        XCTAssertEqual(Set(try view(cql, "v, k")), [[.int(11), .int(1)], [.int(31), .int(3)]])
    }

    func testCollectionsAreCopiedElementByElement() throws {
        let cql = try QueryHarness.withKeyspace(
            "CREATE TABLE t (k int PRIMARY KEY, v int, tags set<text>, m map<text, int>, l list<int>)",
            "CREATE MATERIALIZED VIEW by_v AS SELECT * FROM t WHERE v IS NOT NULL AND k IS NOT NULL PRIMARY KEY (v, k)")
        try cql.run("INSERT INTO t (k, v, tags, m) VALUES (1, 5, {'a', 'b'}, {'x': 1})")
        try cql.run("UPDATE t SET tags = tags + {'c'}, tags = tags - {'a'}, m['y'] = 2 WHERE k = 1")
        XCTAssertEqual(try cql.rows("SELECT tags, m FROM by_v WHERE v = 5").rows,
                       [[.set([.text("b"), .text("c")]), .map([.init(key: .text("x"), value: .int(1)), .init(key: .text("y"), value: .int(2))])]])
        try cql.run("UPDATE t SET l = [2] WHERE k = 1")
        try cql.run("UPDATE t SET l = l + [3], l = [1] + l WHERE k = 1")
        try cql.run("DELETE l[1] FROM t WHERE k = 1")
        XCTAssertEqual(try cql.rows("SELECT l FROM by_v WHERE v = 5").rows, [[.list([.int(1), .int(3)])]])
        try cql.run("UPDATE t SET tags = {'z'}, v = 6 WHERE k = 1")
        XCTAssertEqual(try cql.rows("SELECT v, tags FROM by_v").rows, [[.int(6), .set([.text("z")])]])
        try cql.run("DELETE tags FROM t WHERE k = 1")
        XCTAssertEqual(try cql.rows("SELECT v, tags FROM by_v").rows, [[.int(6), nil]])
    }

    func testAViewOfTheBaseKeyLivesAsLongAsTheBaseRow() throws {
        let cql = try QueryHarness.withKeyspace(
            "CREATE TABLE t (k int, c int, v int, hidden text, PRIMARY KEY (k, c))",
            "CREATE MATERIALIZED VIEW by_c AS SELECT k, c, v FROM t WHERE c IS NOT NULL AND k IS NOT NULL PRIMARY KEY (c, k)")
        try cql.run("UPDATE t SET hidden = 'h' WHERE k = 1 AND c = 2")
        XCTAssertEqual(try cql.rows("SELECT c, k, v FROM by_c").rows, [[.int(2), .int(1), nil]],
                       "an unselected column keeps the view row alive")
        try cql.run("UPDATE t SET hidden = null WHERE k = 1 AND c = 2")
        XCTAssertEqual(try cql.rows("SELECT * FROM by_c").rows, [])
        try cql.run("UPDATE t USING TTL 10 SET hidden = 'h' WHERE k = 1 AND c = 3")
        try cql.run("UPDATE t USING TTL 20 SET v = 1 WHERE k = 1 AND c = 3")
        cql.clock.advance(seconds: 15)
        XCTAssertEqual(try cql.rows("SELECT c, v FROM by_c").rows, [[.int(3), .int(1)]])
        cql.clock.advance(seconds: 10)
        XCTAssertEqual(try cql.rows("SELECT * FROM by_c").rows, [])
        try cql.run("INSERT INTO t (k, c) VALUES (5, 5)")
        XCTAssertEqual(try cql.rows("SELECT c, k FROM by_c").rows, [[.int(5), .int(5)]], "an INSERT's row marker is copied")
    }

    func testWhereRestrictionsOnBaseKeyColumnsFilterRows() throws {
        let cql = try QueryHarness.withKeyspace(
            "CREATE TABLE t (k int, c int, v int, PRIMARY KEY (k, c))",
            "CREATE MATERIALIZED VIEW only_c1 AS SELECT * FROM t WHERE v IS NOT NULL AND k IN (1, 2) AND c = 1 PRIMARY KEY (v, k, c)")
        for k in 1...3 {
            for c in 1...2 { try cql.run("INSERT INTO t (k, c, v) VALUES (\(k), \(c), \(k * 10 + c))") }
        }
        XCTAssertEqual(Set(try cql.rows("SELECT v FROM only_c1").rows), [[.int(11)], [.int(21)]])
        try cql.run("UPDATE t SET v = 100 WHERE k = 3 AND c = 1")
        try cql.run("UPDATE t SET v = 200 WHERE k = 1 AND c = 1")
        XCTAssertEqual(Set(try cql.rows("SELECT v FROM only_c1").rows), [[.int(200)], [.int(21)]])
    }

    func testCreatingAViewBuildsItFromExistingRowsAndTruncateEmptiesIt() throws {
        let cql = try QueryHarness.withKeyspace("CREATE TABLE t (k int PRIMARY KEY, v int, w int)")
        try cql.run("INSERT INTO t (k, v, w) VALUES (1, 10, 100) USING TTL 50")
        try cql.run("INSERT INTO t (k, v) VALUES (2, 20)")
        try cql.run("INSERT INTO t (k, w) VALUES (3, 300)")
        cql.clock.advance(seconds: 10)
        try cql.run("CREATE MATERIALIZED VIEW by_v AS SELECT * FROM t WHERE v IS NOT NULL AND k IS NOT NULL PRIMARY KEY (v, k)")
        XCTAssertEqual(Set(try cql.rows("SELECT v, k, w, ttl(w) FROM by_v").rows),
                       [[.int(10), .int(1), .int(100), .int(40)], [.int(20), .int(2), nil, nil]])
        try cql.run("TRUNCATE t")
        XCTAssertEqual(try cql.rows("SELECT * FROM by_v").rows, [])
        try cql.run("INSERT INTO t (k, v) VALUES (4, 40)")
        XCTAssertEqual(try cql.rows("SELECT v FROM by_v").rows, [[.int(40)]])
    }

    func testStaticColumnWritesLeaveTheViewAlone() throws {
        let cql = try QueryHarness.withKeyspace(
            "CREATE TABLE t (k int, c int, s int STATIC, v int, PRIMARY KEY (k, c))",
            "CREATE MATERIALIZED VIEW by_v AS SELECT k, c, v FROM t WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, k, c)")
        try cql.run("UPDATE t SET s = 1 WHERE k = 1")
        XCTAssertEqual(try cql.rows("SELECT * FROM by_v").rows, [])
        try cql.run("INSERT INTO t (k, c, s, v) VALUES (1, 1, 2, 7)")
        XCTAssertEqual(try cql.rows("SELECT v, k, c FROM by_v").rows, [[.int(7), .int(1), .int(1)]])
    }
}
