import CQLProtocol
import XCTest
@testable import CQLServer

/// Cell reconciliation (`Cell.reconcile`), checked directly and through CQL writes with
/// explicit timestamps. Expected outcomes follow Cassandra's `Cells.resolveRegular`:
/// the higher timestamp wins; on a tie a tombstone wins, then an expiring cell beats a
/// non-expiring one (CASSANDRA-14592), then the later expiry, then the greater value.
final class CellTests: XCTestCase {
    private func live(_ byte: UInt8, at timestamp: Int64, ttl: Int32 = 0) -> Cell {
        .live([byte], timestamp: timestamp, ttl: ttl, now: 1000)
    }

    func testHigherTimestampWinsInEitherOrder() {
        let old = live(9, at: 1), new = live(1, at: 2)
        XCTAssertEqual(Cell.reconcile(old, new), new)
        XCTAssertEqual(Cell.reconcile(new, old), new)
        XCTAssertEqual(Cell.reconcile(.tombstone(timestamp: 1), new), new)
    }

    func testTombstoneWinsATie() {
        let tombstone = Cell.tombstone(timestamp: 5)
        XCTAssertEqual(Cell.reconcile(live(1, at: 5), tombstone), tombstone)
        XCTAssertEqual(Cell.reconcile(tombstone, live(1, at: 5)), tombstone)
        XCTAssertEqual(Cell.reconcile(tombstone, live(1, at: 5, ttl: 60)), tombstone)
    }

    func testExpiringCellBeatsNonExpiringCellOnATie() {
        let expiring = live(1, at: 5, ttl: 60), regular = live(9, at: 5)
        XCTAssertEqual(Cell.reconcile(regular, expiring), expiring)
        XCTAssertEqual(Cell.reconcile(expiring, regular), expiring)
    }

    func testLaterExpiryThenGreaterValueBreakTies() {
        let soon = live(9, at: 5, ttl: 10), later = live(1, at: 5, ttl: 20)
        XCTAssertEqual(Cell.reconcile(soon, later), later)
        XCTAssertEqual(Cell.reconcile(later, soon), later)
        XCTAssertEqual(Cell.reconcile(live(1, at: 5), live(2, at: 5)), live(2, at: 5))
        XCTAssertEqual(Cell.reconcile(live(2, at: 5), live(1, at: 5)), live(2, at: 5))
    }

    // MARK: Through CQL

    private func harness() throws -> QueryHarness {
        try .withKeyspace("CREATE TABLE t (k int PRIMARY KEY, v text)")
    }

    func testInsertIsAnUpsert() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, v) VALUES (1, 'a')")
        try cql.run("INSERT INTO t (k, v) VALUES (1, 'b')")
        try cql.run("UPDATE t SET v = 'c' WHERE k = 2")
        XCTAssertEqual(try cql.rows("SELECT k, v FROM t WHERE k IN (1, 2)").rows, [[.int(1), .text("b")], [.int(2), .text("c")]])
    }

    func testEqualTimestampsKeepTheGreaterValueRegardlessOfArrival() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, v) VALUES (1, 'b') USING TIMESTAMP 10")
        try cql.run("INSERT INTO t (k, v) VALUES (1, 'a') USING TIMESTAMP 10")
        try cql.run("INSERT INTO t (k, v) VALUES (2, 'a') USING TIMESTAMP 10")
        try cql.run("INSERT INTO t (k, v) VALUES (2, 'b') USING TIMESTAMP 10")
        XCTAssertEqual(try cql.rows("SELECT v FROM t WHERE k IN (1, 2)").column("v"), [.text("b"), .text("b")])
    }

    func testOlderWriteLosesToNewerWrite() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, v) VALUES (1, 'new') USING TIMESTAMP 20")
        try cql.run("INSERT INTO t (k, v) VALUES (1, 'old') USING TIMESTAMP 10")
        let rows = try cql.rows("SELECT v, writetime(v) FROM t WHERE k = 1")
        XCTAssertEqual(rows.rows, [[.text("new"), .bigint(20)]])
    }

    func testDeleteWinsATieWithAWrite() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, v) VALUES (1, 'a') USING TIMESTAMP 10")
        try cql.run("DELETE v FROM t USING TIMESTAMP 10 WHERE k = 1")
        XCTAssertEqual(try cql.rows("SELECT v FROM t WHERE k = 1").rows, [[nil]], "the INSERT's row marker keeps the row")
        try cql.run("DELETE FROM t USING TIMESTAMP 10 WHERE k = 1")
        XCTAssertEqual(try cql.rows("SELECT v FROM t WHERE k = 1").rows, [])
    }

    func testWriteOlderThanADeleteStaysDeleted() throws {
        let cql = try harness()
        try cql.run("DELETE FROM t USING TIMESTAMP 100 WHERE k = 1")
        try cql.run("INSERT INTO t (k, v) VALUES (1, 'late') USING TIMESTAMP 50")
        XCTAssertEqual(try cql.rows("SELECT * FROM t WHERE k = 1").rows, [])
        try cql.run("INSERT INTO t (k, v) VALUES (1, 'newer') USING TIMESTAMP 101")
        XCTAssertEqual(try cql.rows("SELECT v FROM t WHERE k = 1").rows, [[.text("newer")]])
    }

    func testExpiringWriteWinsATieWithARegularWrite() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, v) VALUES (1, 'z') USING TIMESTAMP 10")
        try cql.run("UPDATE t USING TTL 100 AND TIMESTAMP 10 SET v = 'a' WHERE k = 1")
        XCTAssertEqual(try cql.rows("SELECT v, ttl(v) FROM t WHERE k = 1").rows, [[.text("a"), .int(100)]])
    }

    func testTTLExpiresWithTheClock() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, v) VALUES (1, 'a') USING TTL 10")
        cql.clock.advance(seconds: 9)
        XCTAssertEqual(try cql.rows("SELECT v, ttl(v) FROM t WHERE k = 1").rows, [[.text("a"), .int(1)]])
        cql.clock.advance(seconds: 1)
        XCTAssertEqual(try cql.rows("SELECT * FROM t WHERE k = 1").rows, [], "the row marker expires with the INSERT's TTL")
    }

    func testUpdateTTLExpiresOnlyTheCellsItWrote() throws {
        let cql = try QueryHarness.withKeyspace("CREATE TABLE t (k int PRIMARY KEY, a int, b int)")
        try cql.run("INSERT INTO t (k, a) VALUES (1, 1)")
        try cql.run("UPDATE t USING TTL 5 SET b = 2 WHERE k = 1")
        cql.clock.advance(seconds: 5)
        XCTAssertEqual(try cql.rows("SELECT k, a, b FROM t").rows, [[.int(1), .int(1), nil]])
    }

    func testTableDefaultTTLAppliesAndTTLZeroOverridesIt() throws {
        let cql = try QueryHarness.withKeyspace("CREATE TABLE t (k int PRIMARY KEY, v int) WITH default_time_to_live = 10")
        try cql.run("INSERT INTO t (k, v) VALUES (1, 1)")
        try cql.run("INSERT INTO t (k, v) VALUES (2, 2) USING TTL 0")
        cql.clock.advance(seconds: 10)
        XCTAssertEqual(try cql.rows("SELECT k FROM t").rows, [[.int(2)]])
    }
}
