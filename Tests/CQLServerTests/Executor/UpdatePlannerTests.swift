import CQLProtocol
import XCTest
@testable import CQLServer

/// UPDATE operations (`UpdatePlanner`): collection element operations as Cassandra's
/// `Lists`, `Sets` and `Maps` define them, frozen collections as whole values, and counters.
final class UpdatePlannerTests: XCTestCase {
    private func harness() throws -> QueryHarness {
        try QueryHarness.withKeyspace("""
            CREATE TABLE t (k int PRIMARY KEY, l list<int>, s set<text>, m map<text, int>,
                            fl frozen<list<int>>, fs frozen<set<int>>)
            """)
    }

    private func value(_ cql: QueryHarness, _ column: String) throws -> CQLValue? {
        try cql.rows("SELECT \(column) FROM t WHERE k = 1").column(column).first ?? nil
    }

    private func ints(_ values: Int32...) -> CQLValue { .list(values.map { .int($0) }) }

    func testListAppendPrependAndReplace() throws {
        let cql = try harness()
        try cql.run("UPDATE t SET l = l + [2, 3] WHERE k = 1")
        try cql.run("UPDATE t SET l = [0, 1] + l WHERE k = 1")
        try cql.run("UPDATE t SET l = l + [4] WHERE k = 1")
        XCTAssertEqual(try value(cql, "l"), ints(0, 1, 2, 3, 4))
        try cql.run("UPDATE t SET l = [9] WHERE k = 1")
        XCTAssertEqual(try value(cql, "l"), ints(9))
    }

    func testListSetByIndexAndItsBounds() throws {
        let cql = try harness()
        cql.assertError("UPDATE t SET l[0] = 1 WHERE k = 1", .invalid, "Attempted to set an element on a list which is null")
        try cql.run("INSERT INTO t (k, l) VALUES (1, [1, 2, 3])")
        try cql.run("UPDATE t SET l[1] = 20 WHERE k = 1")
        XCTAssertEqual(try value(cql, "l"), ints(1, 20, 3))
        cql.assertError("UPDATE t SET l[3] = 1 WHERE k = 1", .invalid, "List index 3 out of bound, list has size 3")
    }

    func testListRemoveByValueRemovesEveryOccurrence() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, l) VALUES (1, [1, 2, 1, 3, 2])")
        try cql.run("UPDATE t SET l = l - [2, 7] WHERE k = 1")
        XCTAssertEqual(try value(cql, "l"), ints(1, 1, 3))
    }

    func testListDeleteByIndex() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, l) VALUES (1, [1, 2, 3])")
        try cql.run("DELETE l[0] FROM t WHERE k = 1")
        XCTAssertEqual(try value(cql, "l"), ints(2, 3))
        try cql.run("DELETE l[1] FROM t WHERE k = 1")
        try cql.run("DELETE l[0] FROM t WHERE k = 1")
        XCTAssertNil(try value(cql, "l"), "an empty collection reads as null")
    }

    func testSetAddRemoveKeepsElementsSortedAndUnique() throws {
        let cql = try harness()
        try cql.run("UPDATE t SET s = s + {'b', 'a'} WHERE k = 1")
        try cql.run("UPDATE t SET s = s + {'c', 'a'} WHERE k = 1")
        XCTAssertEqual(try value(cql, "s"), .set([.text("a"), .text("b"), .text("c")]))
        try cql.run("UPDATE t SET s = s - {'b'} WHERE k = 1")
        XCTAssertEqual(try value(cql, "s"), .set([.text("a"), .text("c")]))
        try cql.run("UPDATE t SET s = {} WHERE k = 1")
        XCTAssertNil(try value(cql, "s"))
    }

    func testMapPutRemoveAndElementDelete() throws {
        let cql = try harness()
        try cql.run("UPDATE t SET m = m + {'b': 2, 'a': 1} WHERE k = 1")
        try cql.run("UPDATE t SET m['c'] = 3 WHERE k = 1")
        try cql.run("UPDATE t SET m['a'] = 10 WHERE k = 1")
        XCTAssertEqual(try value(cql, "m"), .map([.init(key: .text("a"), value: .int(10)), .init(key: .text("b"), value: .int(2)),
                                                   .init(key: .text("c"), value: .int(3))]))
        try cql.run("DELETE m['a'] FROM t WHERE k = 1")
        try cql.run("UPDATE t SET m = m - {'b'} WHERE k = 1")
        XCTAssertEqual(try value(cql, "m"), .map([.init(key: .text("c"), value: .int(3))]))
    }

    func testCollectionElementsKeepTheirOwnTimestamps() throws {
        let cql = try harness()
        try cql.run("UPDATE t USING TIMESTAMP 10 SET s = s + {'old'} WHERE k = 1")
        try cql.run("UPDATE t USING TIMESTAMP 20 SET s = s + {'new'} WHERE k = 1")
        try cql.run("DELETE s FROM t USING TIMESTAMP 15 WHERE k = 1")
        XCTAssertEqual(try value(cql, "s"), .set([.text("new")]))
    }

    func testFrozenCollectionsAreWholeValuesOnly() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, fl, fs) VALUES (1, [3, 1, 3], {2, 1})")
        XCTAssertEqual(try cql.rows("SELECT fl, fs FROM t WHERE k = 1").rows, [[ints(3, 1, 3), .set([.int(1), .int(2)])]])
        cql.assertError("UPDATE t SET fl = fl + [1] WHERE k = 1", .invalid, "for frozen collection column fl")
        cql.assertError("UPDATE t SET fl[0] = 1 WHERE k = 1", .invalid, "for frozen collection column fl")
        cql.assertError("UPDATE t SET fs = fs - {1} WHERE k = 1", .invalid, "for frozen collection column fs")
        cql.assertError("DELETE fl[0] FROM t WHERE k = 1", .invalid, "Invalid deletion operation for frozen collection column fl")
        try cql.run("UPDATE t SET fl = [7] WHERE k = 1")
        XCTAssertEqual(try value(cql, "fl"), ints(7))
    }

    func testCollectionOperationsOnNonCollectionsFail() throws {
        let cql = try QueryHarness.withKeyspace("CREATE TABLE t (k int PRIMARY KEY, v int)")
        cql.assertError("UPDATE t SET v = v + 1 WHERE k = 1", .invalid, "Invalid operation (v = v + ?) for non counter column v")
        cql.assertError("UPDATE t SET k = 2 WHERE k = 1", .invalid, "PRIMARY KEY part k found in SET part")
    }

    // MARK: Counters

    private func counters() throws -> QueryHarness {
        try QueryHarness.withKeyspace("CREATE TABLE c (k int PRIMARY KEY, hits counter, misses counter)")
    }

    func testCountersIncrementAndDecrementFromZero() throws {
        let cql = try counters()
        try cql.run("UPDATE c SET hits = hits + 5 WHERE k = 1")
        try cql.run("UPDATE c SET hits = hits - 2, misses = misses - 1 WHERE k = 1")
        try cql.run("UPDATE c SET hits = hits + 10 WHERE k = 1")
        XCTAssertEqual(try cql.rows("SELECT hits, misses FROM c WHERE k = 1").rows, [[.counter(13), .counter(-1)]])
        XCTAssertEqual(try cql.rows("SELECT hits FROM c WHERE k = 2").rows, [])
    }

    func testCountersRejectSetInsertTTLAndTimestamp() throws {
        let cql = try counters()
        cql.assertError("UPDATE c SET hits = 1 WHERE k = 1", .invalid,
                        "Cannot set the value of counter column hits (counters can only be incremented/decremented, not set)")
        cql.assertError("INSERT INTO c (k, hits) VALUES (1, 1)", .invalid, "INSERT statements are not allowed on counter tables, use UPDATE instead")
        cql.assertError("UPDATE c USING TTL 10 SET hits = hits + 1 WHERE k = 1", .invalid, "Cannot provide custom TTL for counter updates")
        cql.assertError("UPDATE c USING TIMESTAMP 10 SET hits = hits + 1 WHERE k = 1", .invalid, "Cannot provide custom timestamp for counter updates")
        cql.assertError("CREATE TABLE mixed (k int PRIMARY KEY, n counter, v int)", .invalid, "Cannot mix counter and non counter columns in the same table")
    }

    func testDeletedCounterRowDisappears() throws {
        let cql = try counters()
        try cql.run("UPDATE c SET hits = hits + 1 WHERE k = 1")
        try cql.run("DELETE FROM c WHERE k = 1")
        XCTAssertEqual(try cql.rows("SELECT * FROM c").rows, [])
    }

    func testCounterBatchesAcceptOnlyCounterUpdates() throws {
        let cql = try counters()
        try cql.run("CREATE TABLE plain (k int PRIMARY KEY, v int)")
        try cql.batch(.counter, ["UPDATE c SET hits = hits + 1 WHERE k = 1", "UPDATE c SET hits = hits + 2 WHERE k = 1"])
        XCTAssertEqual(try cql.rows("SELECT hits FROM c WHERE k = 1").rows, [[.counter(3)]])
        XCTAssertThrowsError(try cql.batch(.counter, ["INSERT INTO plain (k, v) VALUES (1, 1)"])) { error in
            XCTAssertEqual((error as? ServerError)?.message, "Cannot include non-counter statement in a counter batch")
        }
        XCTAssertThrowsError(try cql.batch(.logged, ["UPDATE c SET hits = hits + 1 WHERE k = 1"])) { error in
            XCTAssertEqual((error as? ServerError)?.message, "Cannot include a counter statement in a logged batch")
        }
    }
}
