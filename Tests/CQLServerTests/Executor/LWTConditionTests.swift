import CQLProtocol
import XCTest
@testable import CQLServer

/// Lightweight transactions (`LWTCondition`): `IF NOT EXISTS`, `IF EXISTS` and column
/// conditions, with Cassandra's `[applied]` result: a single `true` when applied, otherwise
/// `false` followed by the current values (`ModificationStatement.buildCasResultSet`).
final class LWTConditionTests: XCTestCase {
    private func harness() throws -> QueryHarness {
        try QueryHarness.withKeyspace("CREATE TABLE t (k int, c int, v int, m map<text, int>, PRIMARY KEY (k, c))")
    }

    func testInsertIfNotExistsAppliesOnceAndThenReturnsTheExistingRow() throws {
        let cql = try harness()
        let first = try cql.rows("INSERT INTO t (k, c, v) VALUES (1, 1, 10) IF NOT EXISTS")
        XCTAssertEqual(first.columns, ["[applied]"])
        XCTAssertEqual(first.rows, [[.boolean(true)]])
        let second = try cql.rows("INSERT INTO t (k, c, v) VALUES (1, 1, 20) IF NOT EXISTS")
        XCTAssertEqual(second.columns, ["[applied]", "k", "c", "m", "v"])
        XCTAssertEqual(second.rows, [[.boolean(false), .int(1), .int(1), nil, .int(10)]])
        XCTAssertEqual(try cql.rows("SELECT v FROM t WHERE k = 1 AND c = 1").rows, [[.int(10)]])
    }

    func testUpdateIfExistsOnlyTouchesExistingRows() throws {
        let cql = try harness()
        XCTAssertEqual(try cql.rows("UPDATE t SET v = 1 WHERE k = 1 AND c = 1 IF EXISTS").rows, [[.boolean(false)]])
        XCTAssertEqual(try cql.rows("SELECT * FROM t").rows, [])
        try cql.run("INSERT INTO t (k, c) VALUES (1, 1)")
        XCTAssertEqual(try cql.rows("UPDATE t SET v = 1 WHERE k = 1 AND c = 1 IF EXISTS").rows, [[.boolean(true)]])
        XCTAssertEqual(try cql.rows("SELECT v FROM t").rows, [[.int(1)]])
    }

    func testDeleteIfExists() throws {
        let cql = try harness()
        XCTAssertEqual(try cql.rows("DELETE FROM t WHERE k = 1 AND c = 1 IF EXISTS").rows, [[.boolean(false)]])
        try cql.run("INSERT INTO t (k, c, v) VALUES (1, 1, 5)")
        XCTAssertEqual(try cql.rows("DELETE FROM t WHERE k = 1 AND c = 1 IF EXISTS").rows, [[.boolean(true)]])
        XCTAssertEqual(try cql.rows("SELECT * FROM t").rows, [])
    }

    func testColumnConditionReturnsTheCurrentValueWhenItFails() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, c, v) VALUES (1, 1, 5)")
        let failed = try cql.rows("UPDATE t SET v = 6 WHERE k = 1 AND c = 1 IF v = 4")
        XCTAssertEqual(failed.columns, ["[applied]", "v"])
        XCTAssertEqual(failed.rows, [[.boolean(false), .int(5)]])
        XCTAssertEqual(try cql.rows("UPDATE t SET v = 6 WHERE k = 1 AND c = 1 IF v = 5").rows, [[.boolean(true)]])
        XCTAssertEqual(try cql.rows("UPDATE t SET v = 7 WHERE k = 1 AND c = 1 IF v > 5 AND v < 7").rows, [[.boolean(true)]])
        XCTAssertEqual(try cql.rows("UPDATE t SET v = 8 WHERE k = 1 AND c = 1 IF v IN (1, 7)").rows, [[.boolean(true)]])
        XCTAssertEqual(try cql.rows("UPDATE t SET v = 9 WHERE k = 1 AND c = 1 IF v != 8").rows.first?.first, .boolean(false))
        XCTAssertEqual(try cql.rows("SELECT v FROM t").rows, [[.int(8)]])
    }

    func testConditionOnAMissingRow() throws {
        let cql = try harness()
        XCTAssertEqual(try cql.rows("UPDATE t SET v = 1 WHERE k = 1 AND c = 1 IF v = 1").rows, [[.boolean(false)]])
        XCTAssertEqual(try cql.rows("UPDATE t SET v = 1 WHERE k = 1 AND c = 1 IF v = null").rows, [[.boolean(true)]],
                       "a missing row has null columns")
        XCTAssertEqual(try cql.rows("SELECT v FROM t").rows, [[.int(1)]])
    }

    func testMapElementCondition() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, c, m) VALUES (1, 1, {'a': 1})")
        XCTAssertEqual(try cql.rows("UPDATE t SET v = 1 WHERE k = 1 AND c = 1 IF m['a'] = 2").rows.first?.first, .boolean(false))
        XCTAssertEqual(try cql.rows("UPDATE t SET v = 1 WHERE k = 1 AND c = 1 IF m['a'] = 1").rows, [[.boolean(true)]])
    }

    func testConditionalStatementsRejectTimestampsKeyConditionsAndIN() throws {
        let cql = try harness()
        cql.assertError("INSERT INTO t (k, c) VALUES (1, 1) IF NOT EXISTS USING TIMESTAMP 5", .invalid,
                        "Cannot provide custom timestamp for conditional updates")
        cql.assertError("UPDATE t SET v = 1 WHERE k = 1 AND c = 1 IF c = 1", .invalid, "PRIMARY KEY column 'c' cannot have IF conditions")
        cql.assertError("UPDATE t SET v = 1 WHERE k IN (1, 2) AND c = 1 IF EXISTS", .invalid,
                        "IN on the partition key is not supported with conditional updates")
    }

    func testConditionalBatchAppliesAllOrNothing() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, c, v) VALUES (1, 1, 1)")
        let failed = try QueryHarness.decode(cql.run("""
            BEGIN BATCH
              UPDATE t SET v = 2 WHERE k = 1 AND c = 1 IF v = 0;
              INSERT INTO t (k, c, v) VALUES (1, 2, 2);
            APPLY BATCH
            """))
        XCTAssertEqual(failed.rows.first?.first, .boolean(false))
        XCTAssertEqual(try cql.rows("SELECT c, v FROM t WHERE k = 1").rows, [[.int(1), .int(1)]])
        try cql.run("""
            BEGIN BATCH
              UPDATE t SET v = 2 WHERE k = 1 AND c = 1 IF v = 1;
              INSERT INTO t (k, c, v) VALUES (1, 2, 2);
            APPLY BATCH
            """)
        XCTAssertEqual(try cql.rows("SELECT c, v FROM t WHERE k = 1").rows, [[.int(1), .int(2)], [.int(2), .int(2)]])
        cql.assertError("BEGIN BATCH UPDATE t SET v = 1 WHERE k = 1 AND c = 1 IF v = 1; INSERT INTO t (k, c) VALUES (2, 1); APPLY BATCH",
                        .invalid, "Batch with conditions cannot span multiple tables or partitions")
    }
}
