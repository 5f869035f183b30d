import CQLProtocol
import XCTest
@testable import CQLServer

/// What a read sees of a partition (`Partition.resolvedRows`): row liveness from INSERT
/// (Cassandra's primary-key `LivenessInfo`) and static content, following
/// `SelectStatement.processPartition` and `StatementRestrictions.returnStaticContentOnPartitionWithNoRows`.
final class ResolvedRowTests: XCTestCase {
    private func clustered() throws -> QueryHarness {
        try QueryHarness.withKeyspace("CREATE TABLE t (k int, c int, s int STATIC, v int, w int, PRIMARY KEY (k, c))")
    }

    func testInsertedRowWithOnlyItsKeyStaysVisible() throws {
        let cql = try clustered()
        try cql.run("INSERT INTO t (k, c) VALUES (1, 1)")
        XCTAssertEqual(try cql.rows("SELECT k, c, v FROM t").rows, [[.int(1), .int(1), nil]])
    }

    func testInsertedRowSurvivesDeletionOfItsCells() throws {
        let cql = try clustered()
        try cql.run("INSERT INTO t (k, c, v) VALUES (1, 1, 5)")
        try cql.run("DELETE v FROM t WHERE k = 1 AND c = 1")
        XCTAssertEqual(try cql.rows("SELECT k, c, v FROM t").rows, [[.int(1), .int(1), nil]])
    }

    func testUpdatedRowDisappearsWhenItsCellsAreDeleted() throws {
        let cql = try clustered()
        try cql.run("UPDATE t SET v = 5, w = 6 WHERE k = 1 AND c = 1")
        try cql.run("DELETE v FROM t WHERE k = 1 AND c = 1")
        XCTAssertEqual(try cql.rows("SELECT c, v, w FROM t").rows, [[.int(1), nil, .int(6)]])
        try cql.run("UPDATE t SET w = null WHERE k = 1 AND c = 1")
        XCTAssertEqual(try cql.rows("SELECT * FROM t").rows, [])
    }

    func testUpdateToNullCreatesNoRow() throws {
        let cql = try clustered()
        try cql.run("UPDATE t SET v = null WHERE k = 1 AND c = 1")
        XCTAssertEqual(try cql.rows("SELECT * FROM t").rows, [])
    }

    func testStaticOnlyPartitionReturnsOneRowWithNulls() throws {
        let cql = try clustered()
        try cql.run("INSERT INTO t (k, s) VALUES (1, 10)")
        let rows = try cql.rows("SELECT * FROM t")
        XCTAssertEqual(rows.columns, ["k", "c", "s", "v", "w"])
        XCTAssertEqual(rows.rows, [[.int(1), nil, .int(10), nil, nil]])
        XCTAssertEqual(try cql.rows("SELECT s FROM t WHERE k = 1").rows, [[.int(10)]])
    }

    func testStaticOnlyPartitionIsSkippedWhenRowsAreSelected() throws {
        let cql = try clustered()
        try cql.run("INSERT INTO t (k, s) VALUES (1, 10)")
        XCTAssertEqual(try cql.rows("SELECT * FROM t WHERE k = 1 AND c = 1").rows, [])
        XCTAssertEqual(try cql.rows("SELECT * FROM t WHERE k = 1 AND c > 0").rows, [])
        XCTAssertEqual(try cql.rows("SELECT * FROM t WHERE v = 1 ALLOW FILTERING").rows, [])
    }

    func testStaticValueIsSharedByEveryRowOfThePartition() throws {
        let cql = try clustered()
        try cql.run("INSERT INTO t (k, c, v, s) VALUES (1, 1, 100, 7)")
        try cql.run("INSERT INTO t (k, c, v) VALUES (1, 2, 200)")
        try cql.run("UPDATE t SET s = 8 WHERE k = 1")
        XCTAssertEqual(try cql.rows("SELECT c, s, v FROM t WHERE k = 1").rows,
                       [[.int(1), .int(8), .int(100)], [.int(2), .int(8), .int(200)]])
    }

    func testDeletingTheLastRowLeavesStaticContent() throws {
        let cql = try clustered()
        try cql.run("INSERT INTO t (k, c, s) VALUES (1, 1, 7)")
        try cql.run("DELETE FROM t WHERE k = 1 AND c = 1")
        XCTAssertEqual(try cql.rows("SELECT k, c, s FROM t").rows, [[.int(1), nil, .int(7)]])
        try cql.run("DELETE s FROM t WHERE k = 1")
        XCTAssertEqual(try cql.rows("SELECT * FROM t").rows, [])
    }

    func testStaticUpdateNeedsNoClusteringButRejectsOne() throws {
        let cql = try clustered()
        try cql.run("UPDATE t SET s = 1 WHERE k = 1")
        cql.assertError("UPDATE t SET s = 1 WHERE k = 1 AND c = 1", .invalid,
                        "Invalid restrictions on clustering columns since the UPDATE statement modifies only static columns")
        cql.assertError("UPDATE t SET v = 1 WHERE k = 1", .invalid, "Some clustering keys are missing: c")
    }

    func testRowDeletionShadowsItsInsertButNotANewerOne() throws {
        let cql = try clustered()
        try cql.run("INSERT INTO t (k, c, v) VALUES (1, 1, 1) USING TIMESTAMP 10")
        try cql.run("DELETE FROM t USING TIMESTAMP 10 WHERE k = 1 AND c = 1")
        XCTAssertEqual(try cql.rows("SELECT * FROM t").rows, [])
        try cql.run("INSERT INTO t (k, c) VALUES (1, 1) USING TIMESTAMP 11")
        XCTAssertEqual(try cql.rows("SELECT c, v FROM t").rows, [[.int(1), nil]], "v was deleted at 10 and not rewritten")
    }

    func testInsertTTLExpiresTheRowMarker() throws {
        let cql = try clustered()
        try cql.run("INSERT INTO t (k, c) VALUES (1, 1) USING TTL 5")
        try cql.run("UPDATE t SET v = 3 WHERE k = 1 AND c = 2")
        cql.clock.advance(seconds: 5)
        XCTAssertEqual(try cql.rows("SELECT c, v FROM t").rows, [[.int(2), .int(3)]])
    }
}
