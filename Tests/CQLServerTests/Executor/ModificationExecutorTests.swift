import CQLProtocol
import XCTest
@testable import CQLServer

/// Applying modifications and batches (`ModificationExecutor`, `BatchExecutor`): a logged
/// batch is all-or-nothing, statements in a batch share one timestamp, and system
/// keyspaces are read-only.
final class ModificationExecutorTests: XCTestCase {
    private func harness() throws -> QueryHarness {
        try QueryHarness.withKeyspace("CREATE TABLE t (k int PRIMARY KEY, v int, l list<int>)", "CREATE TABLE u (k int PRIMARY KEY, v text)")
    }

    func testBatchSpansTablesAndPartitions() throws {
        let cql = try harness()
        try cql.batch(.logged, ["INSERT INTO t (k, v) VALUES (1, 1)", "INSERT INTO t (k, v) VALUES (2, 2)", "INSERT INTO u (k, v) VALUES (1, 'a')"])
        XCTAssertEqual(try cql.rows("SELECT k FROM t").rows.count, 2)
        XCTAssertEqual(try cql.rows("SELECT v FROM u").rows, [[.text("a")]])
    }

    func testBatchWithAnInvalidStatementAppliesNothing() throws {
        let cql = try harness()
        XCTAssertThrowsError(try cql.batch(.logged, ["INSERT INTO t (k, v) VALUES (1, 1)", "INSERT INTO t (k, nope) VALUES (2, 2)"]))
        XCTAssertThrowsError(try cql.batch(.logged, ["INSERT INTO t (k, v) VALUES (1, 1)", "SELECT * FROM t"])) { error in
            XCTAssertEqual((error as? ServerError)?.message, "Invalid statement in batch: only UPDATE, INSERT and DELETE statements are allowed.")
        }
        cql.assertError("BEGIN BATCH INSERT INTO t (k, v) VALUES (1, 1); UPDATE t SET l[5] = 1 WHERE k = 1; APPLY BATCH",
                        .invalid, "Attempted to set an element on a list which is null")
        XCTAssertEqual(try cql.rows("SELECT * FROM t").rows, [])
    }

    func testBatchStatementsShareOneTimestampSoTheGreaterValueWins() throws {
        let cql = try harness()
        try cql.run("BEGIN BATCH INSERT INTO u (k, v) VALUES (1, 'b'); INSERT INTO u (k, v) VALUES (1, 'a'); APPLY BATCH")
        XCTAssertEqual(try cql.rows("SELECT v FROM u").rows, [[.text("b")]])
        try cql.run("BEGIN BATCH USING TIMESTAMP 42 INSERT INTO u (k, v) VALUES (2, 'x'); APPLY BATCH")
        XCTAssertEqual(try cql.rows("SELECT writetime(v) FROM u WHERE k = 2").rows, [[.bigint(42)]])
        cql.assertError("BEGIN BATCH USING TIMESTAMP 1 INSERT INTO u (k, v) VALUES (3, 'x') USING TIMESTAMP 2; APPLY BATCH",
                        .invalid, "Timestamp must be set either on BATCH or individual statements")
    }

    func testBatchDefaultTimestampFromTheRequest() throws {
        let cql = try harness()
        let batch = RequestMessage.Batch(type: .unlogged, statements: [.init(.query("INSERT INTO u (k, v) VALUES (1, 'a')"))],
                                         consistency: .one, defaultTimestamp: 77)
        _ = try QueryHarness.result(cql.processor.batch(batch, session: &cql.session))
        XCTAssertEqual(try cql.rows("SELECT writetime(v) FROM u").rows, [[.bigint(77)]])
    }

    func testQueryDefaultTimestampApplies() throws {
        let cql = try harness()
        try cql.run("INSERT INTO u (k, v) VALUES (1, 'a')", timestamp: 1234)
        XCTAssertEqual(try cql.rows("SELECT writetime(v) FROM u").rows, [[.bigint(1234)]])
    }

    func testServerTimestampsComeFromTheClockAndStrictlyIncrease() throws {
        let cql = try harness()
        try cql.run("INSERT INTO u (k, v) VALUES (1, 'a')")
        try cql.run("INSERT INTO u (k, v) VALUES (2, 'a')")
        let stamps = try cql.rows("SELECT writetime(v) FROM u WHERE k IN (1, 2)").column("writetime(v)")
        XCTAssertEqual(stamps, [.bigint(cql.clock.now), .bigint(cql.clock.now + 1)])
    }

    func testSystemKeyspacesAreReadOnly() throws {
        let cql = try harness()
        cql.assertError("INSERT INTO system.local (key) VALUES ('x')", .unauthorized, "system keyspace is not user-modifiable.")
        cql.assertError("DELETE FROM system_schema.tables WHERE keyspace_name = 'ks'", .unauthorized,
                        "system_schema keyspace is not user-modifiable.")
    }

    func testMissingKeyPartsAndNullKeys() throws {
        let cql = try QueryHarness.withKeyspace("CREATE TABLE t (a int, b int, c int, v int, PRIMARY KEY ((a, b), c))")
        cql.assertError("INSERT INTO t (a, c, v) VALUES (1, 1, 1)", .invalid, "Some partition key parts are missing: b")
        cql.assertError("INSERT INTO t (a, b, v) VALUES (1, 1, 1)", .invalid, "Some clustering keys are missing: c")
        cql.assertError("INSERT INTO t (c, v) VALUES (1, 1)", .invalid, "Some partition key parts are missing: a, b")
        cql.assertError("UPDATE t SET v = 1 WHERE a = 1 AND c = 1", .invalid, "Some partition key parts are missing: b")
        cql.assertError("INSERT INTO t (a, b, c) VALUES (1, null, 1)", .invalid, "Invalid null value in condition for column b")
        cql.assertError("UPDATE t SET v = 1 WHERE a = 1 AND b = 1 AND c = 1 AND v = 1", .invalid,
                        "Non PRIMARY KEY columns found in where clause: v")
    }
}
