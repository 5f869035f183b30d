import CQLProtocol
import XCTest
@testable import CQLServer

/// Range deletes over clustering slices (`RangeTombstone`) and partition deletes, through
/// CQL: `DELETE … WHERE k = ? AND c1 = ? AND c2 > ?` and `DELETE FROM t WHERE k = ?`.
final class RangeTombstoneTests: XCTestCase {
    private func harness() throws -> QueryHarness {
        let cql = try QueryHarness.withKeyspace("CREATE TABLE t (k int, a int, b int, v int, s int STATIC, PRIMARY KEY (k, a, b))")
        for a in 1...3 {
            for b in 1...3 { try cql.run("INSERT INTO t (k, a, b, v) VALUES (1, \(a), \(b), \(a * 10 + b))") }
        }
        return cql
    }

    private func remaining(_ cql: QueryHarness) throws -> [CQLValue?] {
        try cql.rows("SELECT v FROM t WHERE k = 1").column("v")
    }

    func testPrefixDeleteRemovesEveryRowUnderThePrefix() throws {
        let cql = try harness()
        try cql.run("DELETE FROM t WHERE k = 1 AND a = 2")
        XCTAssertEqual(try remaining(cql), [11, 12, 13, 31, 32, 33].map { .int($0) })
    }

    func testSliceDeleteHonoursInclusiveAndExclusiveBounds() throws {
        let cql = try harness()
        try cql.run("DELETE FROM t WHERE k = 1 AND a = 1 AND b > 1")
        try cql.run("DELETE FROM t WHERE k = 1 AND a = 3 AND b >= 2 AND b < 3")
        XCTAssertEqual(try remaining(cql), [11, 21, 22, 23, 31, 33].map { .int($0) })
    }

    func testSliceOnTheFirstClusteringColumn() throws {
        let cql = try harness()
        try cql.run("DELETE FROM t WHERE k = 1 AND a <= 2")
        XCTAssertEqual(try remaining(cql), [31, 32, 33].map { .int($0) })
    }

    func testRangeDeleteDoesNotShadowNewerWrites() throws {
        let cql = try harness()
        try cql.run("DELETE FROM t WHERE k = 1 AND a = 2")
        try cql.run("INSERT INTO t (k, a, b, v) VALUES (1, 2, 2, 99)")
        try cql.run("INSERT INTO t (k, a, b, v) VALUES (1, 2, 3, 98) USING TIMESTAMP 1")
        XCTAssertEqual(try cql.rows("SELECT b, v FROM t WHERE k = 1 AND a = 2").rows, [[.int(2), .int(99)]])
    }

    func testRangeDeleteLeavesStaticColumnsAlone() throws {
        let cql = try harness()
        try cql.run("UPDATE t SET s = 5 WHERE k = 1")
        try cql.run("DELETE FROM t WHERE k = 1 AND a >= 1")
        XCTAssertEqual(try cql.rows("SELECT k, a, s FROM t").rows, [[.int(1), nil, .int(5)]])
    }

    func testPartitionDeleteRemovesRowsAndStaticsUntilNewerWrites() throws {
        let cql = try harness()
        try cql.run("UPDATE t SET s = 5 WHERE k = 1")
        try cql.run("DELETE FROM t WHERE k = 1")
        XCTAssertEqual(try cql.rows("SELECT * FROM t").rows, [])
        try cql.run("INSERT INTO t (k, a, b) VALUES (1, 9, 9)")
        XCTAssertEqual(try cql.rows("SELECT a, b, s, v FROM t").rows, [[.int(9), .int(9), nil, nil]])
    }

    func testDeleteRejectsSlicesAfterAnUnrestrictedColumnAndColumnsWithRanges() throws {
        let cql = try harness()
        cql.assertError("DELETE FROM t WHERE k = 1 AND b = 1", .invalid,
                        "PRIMARY KEY column \"b\" cannot be restricted as preceding column \"a\" is not restricted")
        cql.assertError("DELETE v FROM t WHERE k = 1 AND a = 1", .invalid, "Range deletions are not supported for specific columns")
        cql.assertError("DELETE FROM t WHERE a = 1", .invalid, "Some partition key parts are missing: k")
    }

    func testMultiColumnDeletesAreRefusedInsteadOfWidened() throws {
        let cql = try harness()
        cql.assertError("DELETE FROM t WHERE k = 1 AND (a, b) > (1, 1)", .invalid,
                        "Multi-column relations are not supported in DELETE statements by the embedded server")
        cql.assertError("DELETE FROM t WHERE k = 1 AND (a, b) = (1, 1)", .invalid,
                        "Multi-column relations are not supported in DELETE statements by the embedded server")
        XCTAssertEqual(try remaining(cql).count, 9)
    }

    func testCoversMatchesPrefixAndBoundsDirectly() {
        let int: (Int32) -> [UInt8] = { withUnsafeBytes(of: $0.bigEndian) { Array($0) } }
        let tombstone = RangeTombstone(prefix: [int(1)], lower: .init(value: int(2), inclusive: false),
                                       upper: .init(value: int(4), inclusive: true), timestamp: 1)
        let types: [CQLType] = [.int, .int]
        XCTAssertFalse(tombstone.covers([int(1), int(2)], types: types))
        XCTAssertTrue(tombstone.covers([int(1), int(3)], types: types))
        XCTAssertTrue(tombstone.covers([int(1), int(4)], types: types))
        XCTAssertFalse(tombstone.covers([int(2), int(3)], types: types))
        XCTAssertTrue(RangeTombstone(prefix: [int(1)], timestamp: 1).covers([int(1), int(9)], types: types))
    }
}
