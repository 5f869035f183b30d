import XCTest
@testable import CQLServer

/// `CREATE | ALTER | DROP MATERIALIZED VIEW` (`Parser+MaterializedView.swift`), following
/// `createMaterializedViewStatement`, `alterMaterializedViewStatement` and
/// `dropMaterializedViewStatement` in Cassandra's `Parser.g`.
final class ParserMaterializedViewTests: XCTestCase {
    func testCreateWithEveryClause() throws {
        let parsed = try ParserTestSupport.parse("""
            CREATE MATERIALIZED VIEW IF NOT EXISTS ks.by_email AS
              SELECT email, id, "Name" FROM ks.users
              WHERE email IS NOT NULL AND id IS NOT NULL AND id > 3
              PRIMARY KEY ((email, id), "Name")
              WITH CLUSTERING ORDER BY ("Name" DESC) AND comment = 'lookup' AND gc_grace_seconds = 10;
            """, as: \.asCreateMaterializedView)
        XCTAssertEqual(parsed, Statement.CreateMaterializedView(
            view: QualifiedName(keyspace: "ks", name: "by_email"), ifNotExists: true,
            selectors: [.init(.column("email")), .init(.column("id")), .init(.column("Name"))],
            baseTable: QualifiedName(keyspace: "ks", name: "users"),
            whereClause: [Relation(.column("email"), .isNot, .term(.null)), Relation(.column("id"), .isNot, .term(.null)),
                          Relation(.column("id"), .greaterThan, .term(.int("3")))],
            primaryKey: .init(partitionKey: ["email", "id"], clusteringColumns: ["Name"]),
            clusteringOrder: [.init(column: "Name", isDescending: true)],
            options: [Property(name: "comment", value: .text("lookup")), Property(name: "gc_grace_seconds", value: .text("10"))]))
    }

    func testCreateMinimalForms() throws {
        let star = try ParserTestSupport.parse("CREATE MATERIALIZED VIEW v AS SELECT * FROM t PRIMARY KEY (v, k)", as: \.asCreateMaterializedView)
        XCTAssertTrue(star.selectsAll)
        XCTAssertFalse(star.ifNotExists)
        XCTAssertEqual(star.whereClause, [])
        XCTAssertEqual(star.primaryKey, .init(partitionKey: ["v"], clusteringColumns: ["k"]))
        XCTAssertEqual(star.options, [])
        // Aliases and function selectors parse; the server refuses them.
        let selectors = try ParserTestSupport.parse(
            "CREATE MATERIALIZED VIEW v AS SELECT k AS key2, writetime(v) FROM t WHERE k IS NOT NULL PRIMARY KEY (k)",
            as: \.asCreateMaterializedView).selectors
        XCTAssertEqual(selectors, [.init(.column("k"), alias: "key2"), .init(.writeTime("v"))])
    }

    func testCreateErrors() {
        ParserTestSupport.assertError("CREATE MATERIALIZED VIEW v AS SELECT * FROM t WHERE k IS NOT NULL",
                                      "line 1:65 mismatched input '<EOF>' expecting K_PRIMARY")
        ParserTestSupport.assertError("CREATE MATERIALIZED v AS SELECT * FROM t PRIMARY KEY (k)",
                                      "line 1:20 mismatched input 'v' expecting K_VIEW")
        ParserTestSupport.assertError("CREATE MATERIALIZED VIEW v SELECT * FROM t PRIMARY KEY (k)",
                                      "line 1:27 mismatched input 'SELECT' expecting K_AS")
        ParserTestSupport.assertError("CREATE MATERIALIZED VIEW v AS SELECT * FROM t PRIMARY KEY (k) WITH COMPACT STORAGE",
                                      "COMPACT STORAGE tables are not allowed starting with version 4.0")
        ParserTestSupport.assertError("CREATE MATERIALIZED VIEW v AS SELECT * FROM t PRIMARY KEY (k) WITH comment = 'a' AND comment = 'b'",
                                      "Multiple definition for property comment")
        ParserTestSupport.assertError("CREATE MATERIALIZED VIEW v AS SELECT * FROM t PRIMARY KEY (k, c) WITH CLUSTERING ORDER BY (c)",
                                      "line 1:92 no viable alternative at input ')'")
        ParserTestSupport.assertFails("CREATE MATERIALIZED VIEW v AS SELECT * FROM t PRIMARY KEY ()")
    }

    func testAlterAndDrop() throws {
        XCTAssertEqual(
            try Parser.parse("ALTER MATERIALIZED VIEW ks.v WITH comment = 'x' AND gc_grace_seconds = 5"),
            .alterMaterializedView(.init(view: QualifiedName(keyspace: "ks", name: "v"), options: [
                Property(name: "comment", value: .text("x")), Property(name: "gc_grace_seconds", value: .text("5")),
            ])))
        XCTAssertEqual(
            try Parser.parse("ALTER MATERIALIZED VIEW IF EXISTS v WITH compaction = {'class': 'LeveledCompactionStrategy'}"),
            .alterMaterializedView(.init(view: QualifiedName(name: "v"), ifExists: true, options: [
                Property(name: "compaction", value: .map(["class": "LeveledCompactionStrategy"])),
            ])))
        XCTAssertEqual(try Parser.parse("DROP MATERIALIZED VIEW IF EXISTS ks.v;"),
                       .dropMaterializedView(.init(view: QualifiedName(keyspace: "ks", name: "v"), ifExists: true)))
        XCTAssertEqual(try Parser.parse("DROP MATERIALIZED VIEW v"), .dropMaterializedView(.init(view: QualifiedName(name: "v"))))
        ParserTestSupport.assertError("ALTER MATERIALIZED VIEW v ADD c int", "line 1:26 mismatched input 'ADD' expecting K_WITH")
        ParserTestSupport.assertError("DROP MATERIALIZED v", "line 1:18 mismatched input 'v' expecting K_VIEW")
        ParserTestSupport.assertError("DROP MATERIALIZED VIEW ?", "Bind variables cannot be used for table names")
    }
}

extension Statement {
    var asCreateMaterializedView: CreateMaterializedView? { if case .createMaterializedView(let s) = self { s } else { nil } }
}
