import CQLProtocol
import XCTest
@testable import CQLServer

/// Row filtering (`RowFilter`): secondary and SAI indexes are filters over a scan, but
/// which queries they allow without `ALLOW FILTERING` follows Cassandra — `CONTAINS`,
/// `CONTAINS KEY` and `=` need an index on the column, ranges need an SAI index.
final class RowFilterTests: XCTestCase {
    private static let filtering = "Cannot execute this query as it might involve data filtering"

    private func harness() throws -> QueryHarness {
        let cql = try QueryHarness.withKeyspace("""
            CREATE TABLE t (k int PRIMARY KEY, tags set<text>, attrs map<text, int>, name text, score int, fl frozen<list<int>>)
            """)
        try cql.run("INSERT INTO t (k, tags, attrs, name, score, fl) VALUES (1, {'a', 'b'}, {'x': 1}, 'ann', 10, [1, 2])")
        try cql.run("INSERT INTO t (k, tags, attrs, name, score, fl) VALUES (2, {'b'}, {'y': 2}, 'bob', 20, [2])")
        try cql.run("INSERT INTO t (k, tags, attrs, name, score) VALUES (3, {'c'}, {'x': 3}, 'cid', 30)")
        return cql
    }

    private func keys(_ cql: QueryHarness, _ query: String) throws -> Set<CQLValue?> {
        Set(try cql.rows(query).column("k"))
    }

    func testContainsNeedsAnIndexOrAllowFiltering() throws {
        let cql = try harness()
        cql.assertError("SELECT k FROM t WHERE tags CONTAINS 'b'", .invalid, Self.filtering)
        XCTAssertEqual(try keys(cql, "SELECT k FROM t WHERE tags CONTAINS 'b' ALLOW FILTERING"), [.int(1), .int(2)])
        try cql.run("CREATE INDEX ON t (tags)")
        XCTAssertEqual(try keys(cql, "SELECT k FROM t WHERE tags CONTAINS 'b'"), [.int(1), .int(2)])
    }

    func testContainsKeyAndMapValueContains() throws {
        let cql = try harness()
        try cql.run("CREATE INDEX attr_keys ON t (KEYS(attrs))")
        XCTAssertEqual(try keys(cql, "SELECT k FROM t WHERE attrs CONTAINS KEY 'x'"), [.int(1), .int(3)])
        XCTAssertEqual(try keys(cql, "SELECT k FROM t WHERE attrs CONTAINS 2 ALLOW FILTERING"), [.int(2)])
        XCTAssertEqual(try keys(cql, "SELECT k FROM t WHERE attrs['x'] = 3 ALLOW FILTERING"), [.int(3)])
    }

    func testEqualityIndexAndSAIRanges() throws {
        let cql = try harness()
        try cql.run("CREATE INDEX ON t (name)")
        XCTAssertEqual(try keys(cql, "SELECT k FROM t WHERE name = 'bob'"), [.int(2)])
        cql.assertError("SELECT k FROM t WHERE score > 15", .invalid, Self.filtering)
        try cql.run("CREATE INDEX ON t (score) USING 'sai'")
        XCTAssertEqual(try keys(cql, "SELECT k FROM t WHERE score > 15"), [.int(2), .int(3)])
        XCTAssertEqual(try keys(cql, "SELECT k FROM t WHERE score >= 10 AND score < 30"), [.int(1), .int(2)])
    }

    func testFullIndexOnAFrozenCollection() throws {
        let cql = try harness()
        try cql.run("CREATE INDEX ON t (FULL(fl))")
        XCTAssertEqual(try keys(cql, "SELECT k FROM t WHERE fl = [2]"), [.int(2)])
        cql.assertError("CREATE INDEX ON t (VALUES(fl))", .invalid, "Cannot create values() index on")
    }

    func testIndexDoesNotSeeDeletedOrExpiredValues() throws {
        let cql = try harness()
        try cql.run("CREATE INDEX ON t (name)")
        try cql.run("UPDATE t USING TTL 5 SET name = 'eve' WHERE k = 3")
        XCTAssertEqual(try keys(cql, "SELECT k FROM t WHERE name = 'eve'"), [.int(3)])
        cql.clock.advance(seconds: 5)
        XCTAssertEqual(try keys(cql, "SELECT k FROM t WHERE name = 'eve'"), [])
        try cql.run("DELETE name FROM t WHERE k = 2")
        XCTAssertEqual(try keys(cql, "SELECT k FROM t WHERE name = 'bob'"), [])
    }
}
