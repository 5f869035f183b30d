import CQLProtocol
import XCTest
@testable import CQLServer

/// `CREATE | ALTER | DROP MATERIALIZED VIEW` (`SchemaExecutor+Views.swift`) and the rules
/// other statements follow around views, with Cassandra's checks, error classes and messages.
final class SchemaExecutorViewsTests: XCTestCase {
    private func harness() throws -> QueryHarness {
        try QueryHarness.withKeyspace(
            "CREATE TABLE t (k int, c int, v int, w text, s int STATIC, l list<int>, f frozen<list<int>>, d duration, PRIMARY KEY (k, c))",
            "CREATE TABLE plain (k int PRIMARY KEY, v int, w int)",
            "CREATE TABLE counts (k int PRIMARY KEY, n counter)")
    }

    private let byV = "CREATE MATERIALIZED VIEW by_v AS SELECT k, c, v, w FROM t WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, k, c)"

    func testCreateAlterAndDropReportTableSchemaChanges() throws {
        let cql = try harness()
        XCTAssertEqual(try cql.run(byV), .schemaChange(.init(changeType: .created, target: .table(keyspace: "ks", name: "by_v"))))
        XCTAssertEqual(try cql.run("ALTER MATERIALIZED VIEW by_v WITH comment = 'lookup'"),
                       .schemaChange(.init(changeType: .updated, target: .table(keyspace: "ks", name: "by_v"))))
        XCTAssertEqual(try cql.run("DROP MATERIALIZED VIEW ks.by_v"),
                       .schemaChange(.init(changeType: .dropped, target: .table(keyspace: "ks", name: "by_v"))))
        XCTAssertEqual(try cql.run("DROP MATERIALIZED VIEW IF EXISTS by_v"), .void)
        XCTAssertEqual(try cql.run("ALTER MATERIALIZED VIEW IF EXISTS by_v WITH comment = 'x'"), .void)
        cql.assertError("DROP MATERIALIZED VIEW by_v", .invalid, "Materialized view 'ks.by_v' doesn't exist")
        cql.assertError("DROP MATERIALIZED VIEW t", .invalid, "Materialized view 'ks.t' doesn't exist")
        cql.assertError("ALTER MATERIALIZED VIEW nope.by_v WITH comment = 'x'", .invalid, "Materialized view 'nope.by_v' doesn't exist")
    }

    func testNameClashes() throws {
        let cql = try harness()
        try cql.run(byV)
        XCTAssertEqual(cql.error(byV)?.details, .alreadyExists(keyspace: "ks", table: "by_v"))
        cql.assertError(byV, .alreadyExists, "Cannot add already existing table \"by_v\" to keyspace \"ks\"")
        XCTAssertEqual(try cql.run(byV.replacingOccurrences(of: "VIEW by_v", with: "VIEW IF NOT EXISTS by_v")), .void)
        cql.assertError(byV.replacingOccurrences(of: "VIEW by_v", with: "VIEW plain"), .invalid,
                        "Cannot create materialized view 'plain' - a table with the same name already exists")
        XCTAssertEqual(cql.error("CREATE TABLE by_v (k int PRIMARY KEY)")?.details, .alreadyExists(keyspace: "ks", table: "by_v"))
    }

    func testBaseTableRejections() throws {
        let cql = try harness()
        cql.assertError("CREATE MATERIALIZED VIEW v AS SELECT * FROM nope WHERE k IS NOT NULL PRIMARY KEY (k)", .invalid, "Base table 'nope' doesn't exist")
        cql.assertError("CREATE MATERIALIZED VIEW nope.v AS SELECT * FROM t WHERE k IS NOT NULL PRIMARY KEY (k)", .invalid, "Keyspace 'nope' doesn't exist")
        cql.assertError("CREATE MATERIALIZED VIEW v AS SELECT * FROM other.t WHERE k IS NOT NULL PRIMARY KEY (k)", .invalid,
                        "Cannot create a materialized view on a table in a different keyspace")
        cql.assertError("CREATE MATERIALIZED VIEW v AS SELECT * FROM counts WHERE k IS NOT NULL PRIMARY KEY (k)", .invalid,
                        "Materialized views are not supported on counter tables")
        try cql.run(byV)
        cql.assertError("CREATE MATERIALIZED VIEW v2 AS SELECT * FROM by_v WHERE v IS NOT NULL AND k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (k, c, v)",
                        .invalid, "Materialized views cannot be created against other materialized views")
        try cql.run("CREATE TABLE nogc (k int PRIMARY KEY, v int) WITH gc_grace_seconds = 0")
        cql.assertError("CREATE MATERIALIZED VIEW v AS SELECT * FROM nogc WHERE v IS NOT NULL AND k IS NOT NULL PRIMARY KEY (v, k)", .invalid,
                        "Cannot create materialized view 'v' for base table 'nogc' with gc_grace_seconds of 0")
    }

    func testSelectClauseRejections() throws {
        let cql = try harness()
        let tail = "FROM plain WHERE k IS NOT NULL PRIMARY KEY (k)"
        cql.assertError("CREATE MATERIALIZED VIEW x AS SELECT k AS key2 \(tail)", .invalid,
                        "Cannot use aliases when defining a materialized view (got k AS key2)")
        cql.assertError("CREATE MATERIALIZED VIEW x AS SELECT k, writetime(v) \(tail)", .invalid,
                        "Can only select columns by name when defining a materialized view (got writetime(v))")
        cql.assertError("CREATE MATERIALIZED VIEW x AS SELECT k, nope \(tail)", .invalid, "Undefined column name nope in table ks.plain")
        cql.assertError("CREATE MATERIALIZED VIEW x AS SELECT * FROM t WHERE k IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, k)", .invalid,
                        "Cannot include static column 's' in materialized view 'x'")
        cql.assertError("CREATE MATERIALIZED VIEW x AS SELECT k FROM plain WHERE k IS NOT NULL AND v IS NOT NULL PRIMARY KEY (v, k)", .invalid,
                        "Unknown column 'v' referenced in PRIMARY KEY for materialized view 'x'")
    }

    func testPrimaryKeyRejections() throws {
        let cql = try harness()
        func create(_ key: String, where restrictions: String = "k IS NOT NULL AND c IS NOT NULL AND v IS NOT NULL AND w IS NOT NULL",
                    with options: String = "") -> String {
            "CREATE MATERIALIZED VIEW x AS SELECT k, c, v, w, l, f, d FROM t WHERE \(restrictions) PRIMARY KEY \(key) \(options)"
        }
        cql.assertError(create("(k, c, k)"), .invalid, "Duplicate column 'k' in PRIMARY KEY clause for materialized view 'x'")
        cql.assertError(create("(nope, k, c)"), .invalid, "Unknown column 'nope' referenced in PRIMARY KEY for materialized view 'x'")
        cql.assertError(create("(k, c, l)", where: "k IS NOT NULL AND c IS NOT NULL AND l IS NOT NULL"), .invalid,
                        "Invalid non-frozen collection type 'list<int>' for PRIMARY KEY column 'l'")
        cql.assertError(create("(k, c, d)", where: "k IS NOT NULL AND c IS NOT NULL AND d IS NOT NULL"), .invalid,
                        "duration type is not supported for PRIMARY KEY column 'd'")
        cql.assertError(create("(v, k)"), .invalid, "Cannot create materialized view 'x' without primary key columns c from base table 't'")
        cql.assertError(create("(v, w, k, c)"), .invalid,
                        "Cannot include more than one non-primary key column in materialized view primary key (got v, w)")
        cql.assertError(create("(k, c, v)", with: "WITH CLUSTERING ORDER BY (v DESC)"), .invalid,
                        "Clustering key columns must exactly match columns in CLUSTERING ORDER BY directive")
        cql.assertError(create("(k, c, v)", with: "WITH CLUSTERING ORDER BY (c ASC, c DESC)"), .invalid,
                        "Duplicate column 'c' in CLUSTERING ORDER BY clause for view 'x'")
        XCTAssertNoThrow(try cql.run(create("(k, c, f)", where: "k IS NOT NULL AND c IS NOT NULL AND f IS NOT NULL")), "frozen collections may be keys")
    }

    func testWhereClauseRejections() throws {
        let cql = try harness()
        let head = "CREATE MATERIALIZED VIEW x AS SELECT * FROM plain WHERE"
        cql.assertError("\(head) k IS NOT NULL PRIMARY KEY (v, k)", .invalid, "Primary key columns v must be restricted with 'IS NOT NULL' or otherwise")
        cql.assertError("CREATE MATERIALIZED VIEW x AS SELECT * FROM plain PRIMARY KEY (v, k)", .invalid,
                        "Primary key columns v, k must be restricted with 'IS NOT NULL' or otherwise")
        cql.assertError("\(head) v IS NOT NULL AND k IS NOT NULL AND w = 1 PRIMARY KEY (v, k)", .invalid,
                        "Non-primary key columns can only be restricted with 'IS NOT NULL' (got: w restricted illegally)")
        cql.assertError("\(head) v = 1 AND k IS NOT NULL PRIMARY KEY (v, k)", .invalid,
                        "Non-primary key columns can only be restricted with 'IS NOT NULL' (got: v restricted illegally)")
        cql.assertError("\(head) v IS NOT NULL AND token(k) > 0 PRIMARY KEY (v, k)", .invalid,
                        "Cannot use token relation when defining a materialized view")
        cql.assertError("\(head) v IS NOT NULL AND nope IS NOT NULL PRIMARY KEY (v, k)", .invalid, "Undefined column name nope in table ks.plain")
        XCTAssertEqual(cql.error("\(head) v IS NOT NULL AND k = ? PRIMARY KEY (v, k)", values: .positional([.bytes([0, 0, 0, 1])]))?.message,
                       "Bind variables are not allowed in CREATE MATERIALIZED VIEW statements")
        XCTAssertThrowsError(try cql.prepare("\(head) v IS NOT NULL AND k = ? PRIMARY KEY (v, k)")) { error in
            XCTAssertEqual((error as? ServerError)?.message, "Bind variables are not allowed in CREATE MATERIALIZED VIEW statements")
        }
        cql.assertError("\(head) v IS NOT NULL AND k = 'a' PRIMARY KEY (v, k)", .invalid, "Invalid STRING constant (a) for \"k\" of type int")
        XCTAssertNoThrow(try cql.run("\(head) v IS NOT NULL AND w IS NOT NULL AND k = 1 PRIMARY KEY (v, k)"),
                         "IS NOT NULL on a non-key column and = on a key column are accepted")
    }

    func testOptionRejections() throws {
        let cql = try harness()
        let head = "CREATE MATERIALIZED VIEW x AS SELECT * FROM plain WHERE v IS NOT NULL AND k IS NOT NULL PRIMARY KEY (v, k)"
        cql.assertError("\(head) WITH default_time_to_live = 0", .invalid, "Cannot set default_time_to_live for a materialized view.")
        cql.assertError("\(head) WITH nope = 1", .syntaxError, "Unknown property 'nope'")
        try cql.run("\(head) WITH comment = 'c'")
        cql.assertError("ALTER MATERIALIZED VIEW x WITH gc_grace_seconds = 0", .invalid,
                        "Cannot alter gc_grace_seconds of a materialized view to 0")
        cql.assertError("ALTER MATERIALIZED VIEW x WITH default_time_to_live = 10", .invalid,
                        "Forbidden default_time_to_live detected for a materialized view.")
        cql.assertError("ALTER TABLE plain WITH gc_grace_seconds = 0", .invalid,
                        "Cannot alter gc_grace_seconds of the base table of a materialized view to 0")
        try cql.run("ALTER MATERIALIZED VIEW x WITH gc_grace_seconds = 5")
        XCTAssertEqual(try cql.rows("SELECT comment, gc_grace_seconds FROM system_schema.views WHERE keyspace_name = 'ks' AND view_name = 'x'").rows,
                       [[.text("c"), .int(5)]])
    }

    func testStatementsThatMustNotTargetAView() throws {
        let cql = try harness()
        try cql.run(byV)
        cql.assertError("INSERT INTO by_v (v, k, c) VALUES (1, 1, 1)", .invalid, "Cannot directly modify a materialized view")
        cql.assertError("UPDATE by_v SET w = 'x' WHERE v = 1 AND k = 1 AND c = 1", .invalid, "Cannot directly modify a materialized view")
        cql.assertError("DELETE FROM by_v WHERE v = 1", .invalid, "Cannot directly modify a materialized view")
        cql.assertError("BEGIN BATCH INSERT INTO t (k, c, v) VALUES (1, 1, 1); DELETE FROM by_v WHERE v = 1; APPLY BATCH", .invalid,
                        "Cannot directly modify a materialized view")
        XCTAssertEqual(try cql.rows("SELECT * FROM t").rows, [], "the batch applied nothing")
        cql.assertError("TRUNCATE by_v", .invalid, "Cannot TRUNCATE materialized view directly; must truncate base table instead")
        cql.assertError("ALTER TABLE by_v ADD x int", .invalid, "Cannot use ALTER TABLE on a materialized view; use ALTER MATERIALIZED VIEW instead")
        cql.assertError("DROP TABLE by_v", .invalid, "Cannot use DROP TABLE on a materialized view. Please use DROP MATERIALIZED VIEW instead.")
        cql.assertError("CREATE INDEX ON by_v (w)", .invalid, "Secondary indexes are not supported on materialized views")
    }

    func testBaseTableDropAndAlterRules() throws {
        let cql = try harness()
        try cql.run(byV)
        try cql.run("CREATE MATERIALIZED VIEW all_v AS SELECT * FROM plain WHERE v IS NOT NULL AND k IS NOT NULL PRIMARY KEY (v, k)")
        try cql.run("CREATE MATERIALIZED VIEW all_w AS SELECT k, w FROM plain WHERE w IS NOT NULL AND k IS NOT NULL PRIMARY KEY (w, k)")
        cql.assertError("DROP TABLE plain", .invalid, "Cannot drop table when materialized views still depend on it (ks.{all_v,all_w})")
        cql.assertError("ALTER TABLE t DROP w", .invalid, "Cannot drop column w on base table t with materialized views")
        cql.assertError("ALTER TABLE t DROP s", .invalid, "Cannot drop column s on base table t with materialized views")
        try cql.run("ALTER TABLE plain ADD x int")
        try cql.run("INSERT INTO plain (k, v, w, x) VALUES (1, 2, 3, 4)")
        XCTAssertEqual(try cql.rows("SELECT * FROM all_v").rows, [[.int(2), .int(1), .int(3), .int(4)]], "SELECT * views gain added columns")
        XCTAssertEqual(try cql.rows("SELECT * FROM all_w").rows, [[.int(3), .int(1)]])
        try cql.run("ALTER TABLE t RENAME c TO cc")
        XCTAssertEqual(try cql.rows("SELECT column_name FROM system_schema.columns WHERE keyspace_name = 'ks' AND table_name = 'by_v'").column("column_name"),
                       [.text("cc"), .text("k"), .text("v"), .text("w")])
        XCTAssertEqual(try cql.rows("SELECT where_clause FROM system_schema.views WHERE keyspace_name = 'ks' AND view_name = 'by_v'").rows,
                       [[.text("v IS NOT NULL AND k IS NOT NULL AND cc IS NOT NULL")]])
        try cql.run("INSERT INTO t (k, cc, v, w) VALUES (1, 2, 3, 'renamed')")
        XCTAssertEqual(try cql.rows("SELECT v, k, cc, w FROM by_v").rows, [[.int(3), .int(1), .int(2), .text("renamed")]],
                       "the view is maintained under the new name")
        try cql.run("DROP MATERIALIZED VIEW all_v")
        try cql.run("DROP MATERIALIZED VIEW all_w")
        try cql.run("DROP TABLE plain")
        try cql.run("DROP KEYSPACE ks")
        XCTAssertEqual(try cql.rows("SELECT * FROM system_schema.views WHERE keyspace_name = 'ks'").rows, [])
        XCTAssertEqual(cql.processor.engine.withState { $0.stores.count }, 0, "the views' data went with the keyspace")
    }

    func testDroppingATypeNamesTheBaseTable() throws {
        let cql = try QueryHarness.withKeyspace("CREATE TYPE addr (street text)", "CREATE TABLE z (k int PRIMARY KEY, a frozen<addr>)",
                                                "CREATE MATERIALIZED VIEW z_by_a AS SELECT * FROM z WHERE a IS NOT NULL AND k IS NOT NULL PRIMARY KEY (a, k)")
        cql.assertError("DROP TYPE addr", .invalid, "Cannot drop user type 'ks.addr' as it is still used by table z")
    }
}
