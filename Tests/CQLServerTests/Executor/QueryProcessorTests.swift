import CQLProtocol
import XCTest
@testable import CQLServer

/// Request handling (`QueryProcessor`): USE, prepared statement lifecycle, named and
/// positional bound values, and the error codes and messages Cassandra sends for
/// syntax errors, unknown schema objects and mistyped literals.
final class QueryProcessorTests: XCTestCase {
    private func harness() throws -> QueryHarness {
        try QueryHarness.withKeyspace("CREATE TABLE t (k int PRIMARY KEY, v text)")
    }

    func testUseSetsTheSessionKeyspace() throws {
        let cql = QueryHarness()
        cql.assertError("SELECT * FROM t", .invalid, "No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename")
        try cql.run("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        XCTAssertEqual(try cql.run("USE ks"), .setKeyspace("ks"))
        XCTAssertEqual(cql.session.keyspace, "ks")
        cql.assertError("USE nope", .invalid, "Keyspace 'nope' does not exist")
    }

    func testExecuteAfterTheServerForgetsReturnsUnprepared() throws {
        let cql = try harness()
        let prepared = try cql.prepare("SELECT v FROM t WHERE k = ?")
        XCTAssertEqual(try cql.prepare("SELECT v FROM t WHERE k = ?").id, prepared.id, "preparing twice gives the same id")
        cql.processor.preparedStatements.removeAll()
        XCTAssertThrowsError(try cql.execute(prepared, [.int(1)])) { error in
            guard let error = error as? ServerError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.code, .unprepared)
            XCTAssertEqual(error.details, .unprepared(id: prepared.id))
        }
        let again = try cql.prepare("SELECT v FROM t WHERE k = ?")
        XCTAssertNoThrow(try cql.execute(again, [.int(1)]))
    }

    func testPreparedStatementsAreKeyedByKeyspace() throws {
        let cql = try harness()
        let inKs = try cql.prepare("SELECT v FROM t")
        cql.session.keyspace = nil
        try cql.run("CREATE KEYSPACE other WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        try cql.run("CREATE TABLE other.t (k int PRIMARY KEY, v text)")
        try cql.run("USE other")
        XCTAssertNotEqual(try cql.prepare("SELECT v FROM t").id, inKs.id)
    }

    func testPreparedStatementsAgainstAView() throws {
        let cql = try QueryHarness.withKeyspace(
            "CREATE TABLE t (k int PRIMARY KEY, v text)",
            "CREATE MATERIALIZED VIEW by_v AS SELECT * FROM t WHERE v IS NOT NULL AND k IS NOT NULL PRIMARY KEY (v, k)")
        try cql.run("INSERT INTO t (k, v) VALUES (1, 'a')")
        let select = try cql.prepare("SELECT k, v FROM by_v WHERE v = ?")
        XCTAssertEqual(select.metadata.columns.map { [$0.keyspace, $0.table, $0.name] }, [["ks", "by_v", "v"]])
        XCTAssertEqual(select.metadata.partitionKeyIndexes, [0])
        XCTAssertEqual(select.resultMetadata.columns?.map { [$0.keyspace, $0.table, $0.name] }, [["ks", "by_v", "k"], ["ks", "by_v", "v"]])
        XCTAssertEqual(try QueryHarness.decode(cql.execute(select, [.text("a")])).rows, [[.int(1), .text("a")]])
        // As in Cassandra, writes to a view prepare but fail when executed.
        let insert = try cql.prepare("INSERT INTO by_v (v, k) VALUES (?, ?)")
        XCTAssertThrowsError(try cql.execute(insert, [.text("b"), .int(2)])) { error in
            XCTAssertEqual((error as? ServerError)?.message, "Cannot directly modify a materialized view")
        }
    }

    func testNamedBoundValuesAreMatchedByName() throws {
        let cql = try harness()
        let values: RequestMessage.BoundValues = .named([
            .init(name: "val", value: .bytes(Array("hello".utf8))), .init(name: "key", value: .bytes([0, 0, 0, 7])),
        ])
        try cql.run("INSERT INTO t (k, v) VALUES (:key, :val)", values: values)
        XCTAssertEqual(try cql.rows("SELECT v FROM t WHERE k = :key", values: .named([.init(name: "KEY", value: .bytes([0, 0, 0, 7]))])).rows,
                       [[.text("hello")]])
        XCTAssertNotNil(cql.error("SELECT v FROM t WHERE k = :key", values: .named([.init(name: "other", value: .bytes([0, 0, 0, 7]))])))
    }

    func testPositionalValuesMustMatchTheMarkerCount() throws {
        let cql = try harness()
        cql.assertError("SELECT v FROM t WHERE k = ?", .invalid, "There were 1 markers(?) in CQL but 0 bound variables")
        XCTAssertEqual(cql.error("SELECT v FROM t WHERE k = ?", values: .positional([.bytes([0, 0, 0, 1]), .null]))?.message,
                       "There were 1 markers(?) in CQL but 2 bound variables")
    }

    func testSyntaxErrorsCarryANTLRPositions() throws {
        let cql = try harness()
        for (query, prefix) in [("SELEC * FROM t", "line 1:0 "), ("SELECT * FRM t", "line 1:9 "), ("SELECT * FROM t WHERE", "line 1:21 "),
                                ("SELECT *\nFROM t WHERE k = = 1", "line 2:17 ")] {
            guard let error = cql.error(query) else { continue }
            XCTAssertEqual(error.code, .syntaxError, query)
            XCTAssertTrue(error.message.hasPrefix(prefix), "\(query): \(error.message)")
        }
    }

    func testUnknownKeyspacesTablesAndColumns() throws {
        let cql = try harness()
        cql.assertError("SELECT * FROM nope.t", .invalid, "keyspace nope does not exist")
        cql.assertError("SELECT * FROM nope", .invalid, "table nope does not exist")
        cql.assertError("INSERT INTO nope (k) VALUES (1)", .invalid, "table nope does not exist")
        cql.assertError("INSERT INTO t (k, nope) VALUES (1, 1)", .invalid, "Undefined column name nope")
        cql.assertError("UPDATE t SET nope = 1 WHERE k = 1", .invalid, "Undefined column name nope")
        cql.assertError("SELECT * FROM system.nope", .invalid, "table nope does not exist")
        cql.assertError("CREATE TABLE nope.x (k int PRIMARY KEY)", .invalid, "Keyspace 'nope' doesn't exist")
        cql.assertError("DROP TABLE t2", .invalid, "Table 'ks.t2' doesn't exist")
    }

    func testMistypedLiteralsAreRejected() throws {
        let cql = try harness()
        cql.assertError("INSERT INTO t (k, v) VALUES ('one', 'x')", .invalid, "Invalid STRING constant (one) for \"k\" of type int")
        cql.assertError("INSERT INTO t (k, v) VALUES (1, 2)", .invalid, "Invalid INTEGER constant (2) for \"v\" of type text")
        cql.assertError("SELECT * FROM t WHERE k = 1.5", .invalid, "Invalid FLOAT constant (1.5) for \"k\" of type int")
        cql.assertError("INSERT INTO t (k, v) VALUES (3000000000, 'x')", .invalid, "Unable to make int from '3000000000'")
    }

    func testTruncateEmptiesATable() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (k, v) VALUES (1, 'a')")
        XCTAssertEqual(try cql.run("TRUNCATE t"), .void)
        XCTAssertEqual(try cql.rows("SELECT * FROM t").rows, [])
    }
}
