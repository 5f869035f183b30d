#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol
import XCTest
@testable import CQLServer

/// Durability (`CommitLog` + `CommitLogReplay`): what was acknowledged before a restart
/// reads back identically after it — schema, data, deletions, TTLs measured from the
/// original write, collections — and a torn last record is dropped without harming
/// records written after the restart.
final class CommitLogReplayTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cql-replay-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Starts a processor over `directory` the way `EmbeddedCQLServer.start` does: replay
    /// into a fresh engine, then log new writes.
    private func open(clock: ManualClock) throws -> QueryHarness {
        let engine = StorageEngine()
        let replayer = QueryHarness(clock: clock, engine: engine)
        try CommitLogReplay.replay(directory: directory, into: replayer.processor)
        let harness = QueryHarness(clock: clock, engine: engine, commitLog: try CommitLog(directory: directory))
        harness.session.keyspace = "ks"
        return harness
    }

    private func populate(_ cql: QueryHarness) throws {
        try cql.run("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        try cql.run("CREATE TYPE ks.addr (street text, zip int)")
        try cql.run("""
            CREATE TABLE ks.t (k int, c int, v text, s int STATIC, l list<int>, m map<text, int>, home frozen<addr>,
                               PRIMARY KEY (k, c)) WITH comment = 'kept'
            """)
        try cql.run("CREATE INDEX ON ks.t (m)")
        for c in 0..<4 { try cql.run("INSERT INTO ks.t (k, c, v) VALUES (1, \(c), 'row\(c)')") }
        try cql.run("UPDATE ks.t SET s = 9, l = [1, 2], m = {'a': 1, 'b': 2} WHERE k = 1 AND c = 0")
        try cql.run("UPDATE ks.t SET l = l + [3], m = m - {'a'} WHERE k = 1 AND c = 0")
        try cql.run("INSERT INTO ks.t (k, c, home) VALUES (2, 0, {street: 'Main', zip: 7})")
        try cql.run("DELETE FROM ks.t WHERE k = 1 AND c = 3")
        try cql.run("DELETE v FROM ks.t WHERE k = 1 AND c = 2")
        try cql.run("DELETE FROM ks.t WHERE k = 1 AND c > 0 AND c < 2")
        try cql.run("INSERT INTO ks.t (k, c, v) VALUES (3, 0, 'gone')")
        try cql.run("DELETE FROM ks.t WHERE k = 3")
        try cql.run("ALTER TABLE ks.t ADD w int")
    }

    private let snapshot = "SELECT k, c, v, s, l, m, home, w FROM ks.t"

    func testEverythingReadsBackAfterARestart() throws {
        let clock = ManualClock()
        let before = try open(clock: clock)
        try populate(before)
        let expected = try before.rows(snapshot)
        XCTAssertEqual(expected.rows.count, 3)
        let after = try open(clock: clock)
        XCTAssertEqual(try after.rows(snapshot), expected)
        XCTAssertEqual(try after.rows("SELECT comment FROM system_schema.tables WHERE keyspace_name = 'ks'").rows, [[.text("kept")]])
        XCTAssertEqual(try after.rows("SELECT k FROM ks.t WHERE m CONTAINS 2").rows, [[.int(1)]], "the index survives")
        XCTAssertEqual(try after.rows("SELECT writetime(v) FROM ks.t WHERE k = 2 AND c = 0").rows,
                       try before.rows("SELECT writetime(v) FROM ks.t WHERE k = 2 AND c = 0").rows)
    }

    func testTTLsCountFromTheOriginalWrite() throws {
        let clock = ManualClock()
        let before = try open(clock: clock)
        try populate(before)
        try before.run("INSERT INTO ks.t (k, c, v) VALUES (5, 0, 'brief') USING TTL 100")
        clock.advance(seconds: 60)
        let after = try open(clock: clock)
        XCTAssertEqual(try after.rows("SELECT v, ttl(v) FROM ks.t WHERE k = 5").rows, [[.text("brief"), .int(40)]])
        clock.advance(seconds: 40)
        XCTAssertEqual(try after.rows("SELECT * FROM ks.t WHERE k = 5").rows, [])
        XCTAssertEqual(try open(clock: clock).rows("SELECT * FROM ks.t WHERE k = 5").rows, [])
    }

    func testNewWritesAfterARestartOrderAfterReplayedOnes() throws {
        let clock = ManualClock()
        let before = try open(clock: clock)
        try populate(before)
        let after = try open(clock: clock)
        try after.run("UPDATE ks.t SET l = l + [4], l = [0] + l WHERE k = 1 AND c = 0")
        try after.run("UPDATE ks.t SET v = 'new' WHERE k = 2 AND c = 0")
        XCTAssertEqual(try after.rows("SELECT l FROM ks.t WHERE k = 1 AND c = 0").rows, [[.list([0, 1, 2, 3, 4].map { .int($0) })]])
        XCTAssertEqual(try after.rows("SELECT v FROM ks.t WHERE k = 2 AND c = 0").rows, [[.text("new")]])
        XCTAssertEqual(try open(clock: clock).rows(snapshot), try after.rows(snapshot))
    }

    func testMaterializedViewsSurviveARestartAndKeepBeingMaintained() throws {
        let clock = ManualClock()
        let before = try open(clock: clock)
        try populate(before)
        try before.run("INSERT INTO ks.t (k, c, v) VALUES (4, 0, 'before view')")
        try before.run("UPDATE ks.t SET w = 1 WHERE k = 1 AND c = 0")
        try before.run("CREATE MATERIALIZED VIEW by_v AS SELECT k, c, v, w FROM t WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, k, c)")
        try before.run("CREATE MATERIALIZED VIEW dropped AS SELECT k, c FROM t WHERE k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, k)")
        try before.run("UPDATE t SET v = 'moved' WHERE k = 1 AND c = 0")
        try before.run("UPDATE t USING TTL 100 SET v = 'brief', w = 6 WHERE k = 6 AND c = 0")
        try before.run("DELETE FROM t WHERE k = 4")
        try before.run("ALTER MATERIALIZED VIEW by_v WITH comment = 'kept'")
        try before.run("DROP MATERIALIZED VIEW dropped")
        let view = "SELECT v, k, c, w, writetime(w) FROM ks.by_v"
        let expected = try before.rows(view)
        XCTAssertEqual(Set(expected.rows.map { Array($0.prefix(4)) }),
                       [[.text("brief"), .int(6), .int(0), .int(6)], [.text("moved"), .int(1), .int(0), .int(1)]])
        clock.advance(seconds: 30)

        let after = try open(clock: clock)
        XCTAssertEqual(try after.rows(view), expected)
        XCTAssertEqual(try after.rows("SELECT ttl(w) FROM ks.by_v WHERE v = 'brief'").rows, [[.int(70)]])
        XCTAssertEqual(try after.rows("SELECT view_name, comment FROM system_schema.views WHERE keyspace_name = 'ks'").rows,
                       [[.text("by_v"), .text("kept")]])
        try after.run("UPDATE t SET v = 'again' WHERE k = 1 AND c = 0")
        XCTAssertEqual(Set(try open(clock: clock).rows("SELECT v, w FROM ks.by_v").rows), [[.text("again"), .int(1)], [.text("brief"), .int(6)]])
        clock.advance(seconds: 70)
        XCTAssertEqual(try open(clock: clock).rows("SELECT v FROM ks.by_v").rows, [[.text("again")]], "the TTL counts from the original write")
    }

    func testTruncateSurvivesARestart() throws {
        let clock = ManualClock()
        let before = try open(clock: clock)
        try populate(before)
        try before.run("TRUNCATE t")
        try before.run("INSERT INTO t (k, c, v) VALUES (7, 0, 'kept')")
        XCTAssertEqual(try open(clock: clock).rows("SELECT k, v FROM ks.t").rows, [[.int(7), .text("kept")]])
    }

    func testATornLastRecordIsDroppedAndLaterRecordsSurvive() throws {
        let clock = ManualClock()
        let before = try open(clock: clock)
        try populate(before)
        let expected = try before.rows(snapshot)
        try before.run("INSERT INTO ks.t (k, c, v) VALUES (9, 0, 'torn')")
        let path = directory + "/commitlog.bin"
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        try Data(bytes.dropLast(3)).write(to: URL(fileURLWithPath: path))

        let restarted = try open(clock: clock)
        XCTAssertEqual(try restarted.rows(snapshot), expected)
        try restarted.run("INSERT INTO ks.t (k, c, v) VALUES (10, 0, 'after')")
        let again = try open(clock: clock)
        XCTAssertEqual(try again.rows("SELECT v FROM ks.t WHERE k = 10").rows, [[.text("after")]])
        XCTAssertEqual(try again.rows("SELECT v FROM ks.t WHERE k = 9").rows, [])
    }

    func testEmbeddedServerRestartsFromItsDataDirectory() async throws {
        let first = try await EmbeddedCQLServer.start(.init(port: 0, dataDirectory: directory))
        var session = QueryProcessor.SessionState()
        for statement in ["CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
                          "CREATE TABLE ks.kv (k text PRIMARY KEY, v int)", "INSERT INTO ks.kv (k, v) VALUES ('a', 1)"] {
            _ = try QueryHarness.result(first.processor.query(.init(query: statement, parameters: .init(consistency: .one)), session: &session))
        }
        try await first.shutdown()
        let second = try await EmbeddedCQLServer.start(.init(port: 0, dataDirectory: directory))
        let result = try QueryHarness.result(second.processor.query(.init(query: "SELECT k, v FROM ks.kv", parameters: .init(consistency: .one)),
                                                                      session: &session))
        try await second.shutdown()
        XCTAssertEqual(try QueryHarness.decode(result).rows, [[.text("a"), .int(1)]])
    }
}
