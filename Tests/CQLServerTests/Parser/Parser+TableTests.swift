import CQLProtocol
import XCTest
@testable import CQLServer

final class ParserTableTests: XCTestCase {
    private func createTable(_ text: String) throws -> Statement.CreateTable {
        try ParserTestSupport.parse(text, as: \.asCreateTable)
    }

    private func alterTable(_ text: String) throws -> Statement.AlterTable {
        try ParserTestSupport.parse(text, as: \.asAlterTable)
    }

    func testCreateTableWithInlinePrimaryKey() throws {
        let parsed = try createTable("CREATE TABLE IF NOT EXISTS ks.users (id uuid PRIMARY KEY, name text, emails set<text>, addr frozen<address>,)")
        XCTAssertEqual(parsed, Statement.CreateTable(
            table: QualifiedName(keyspace: "ks", name: "users"),
            ifNotExists: true,
            columns: [
                ColumnDefinition(name: "id", type: .native(.uuid)),
                ColumnDefinition(name: "name", type: .native(.text)),
                ColumnDefinition(name: "emails", type: .set(.native(.text))),
                ColumnDefinition(name: "addr", type: .frozen(.userDefined(.init(name: "address")))),
            ],
            primaryKeyDeclarations: [.init(partitionKey: ["id"])]
        ))
        XCTAssertEqual(parsed.primaryKey, .init(partitionKey: ["id"]))
    }

    func testCompositeKeyClusteringOrderAndOptions() throws {
        let parsed = try createTable("""
            CREATE TABLE timeline (
                userid uuid, posted_month int, posted_time uuid, body text, posted_by text STATIC,
                PRIMARY KEY ((userid, posted_month), posted_time, body)
            ) WITH CLUSTERING ORDER BY (posted_time DESC, body ASC)
              AND comment = 'A table' AND gc_grace_seconds = 0
              AND compaction = {'class': 'LeveledCompactionStrategy'} AND caching = {'keys': 'ALL'}
            """)
        XCTAssertEqual(parsed.primaryKey, .init(partitionKey: ["userid", "posted_month"], clusteringColumns: ["posted_time", "body"]))
        XCTAssertEqual(parsed.columns[4], ColumnDefinition(name: "posted_by", type: .native(.text), isStatic: true))
        XCTAssertEqual(parsed.clusteringOrder, [.init(column: "posted_time", isDescending: true), .init(column: "body", isDescending: false)])
        XCTAssertEqual(parsed.options, [
            Property(name: "comment", value: .text("A table")),
            Property(name: "gc_grace_seconds", value: .text("0")),
            Property(name: "compaction", value: .map(["class": "LeveledCompactionStrategy"])),
            Property(name: "caching", value: .map(["keys": "ALL"])),
        ])
    }

    func testSinglePartitionKeyAndMultipleDeclarationsAreKept() throws {
        XCTAssertEqual(try createTable("CREATE TABLE t (k int, c int, PRIMARY KEY (k, c))").primaryKey, .init(partitionKey: ["k"], clusteringColumns: ["c"]))
        let twice = try createTable("CREATE TABLE t (k int PRIMARY KEY, c int, PRIMARY KEY (c))")
        XCTAssertEqual(twice.primaryKeyDeclarations.count, 2)
        XCTAssertNil(twice.primaryKey)
        XCTAssertEqual(try createTable("CREATE COLUMNFAMILY t (k int, \"Key\" text, PRIMARY KEY (\"Key\"))").primaryKey, .init(partitionKey: ["Key"]))
    }

    func testCreateTableErrors() {
        ParserTestSupport.assertError("CREATE TABLE t (k int PRIMARY KEY) WITH COMPACT STORAGE", "COMPACT STORAGE tables are not allowed starting with version 4.0")
        ParserTestSupport.assertError("CREATE TABLE t (k int PRIMARY KEY) WITH CLUSTERING ORDER BY (c)", "line 1:62 no viable alternative at input ')'")
        ParserTestSupport.assertError("CREATE TABLE t (select int PRIMARY KEY)", "line 1:16 no viable alternative at input 'select'")
        ParserTestSupport.assertError("CREATE TABLE t (k int PRIMARY KEY) WITH a = 1 AND a = 2", "Multiple definition for property a")
        ParserTestSupport.assertFails("CREATE TABLE t ()")
        ParserTestSupport.assertFails("CREATE TABLE t (k int PRIMARY)")
        ParserTestSupport.assertFails("CREATE TABLE t (k list<int PRIMARY KEY)")
    }

    func testAlterTable() throws {
        XCTAssertEqual(try alterTable("ALTER TABLE addamsFamily ADD gravesite varchar").action, .add(ifNotExists: false, columns: [.init(name: "gravesite", type: .native(.text))]))
        XCTAssertEqual(
            try alterTable("ALTER TABLE t ADD IF NOT EXISTS (a int, b list<text> STATIC)").action,
            .add(ifNotExists: true, columns: [.init(name: "a", type: .native(.int)), .init(name: "b", type: .list(.native(.text)), isStatic: true)])
        )
        XCTAssertEqual(try alterTable("ALTER TABLE t DROP a").action, .drop(ifExists: false, columns: ["a"], timestamp: nil))
        XCTAssertEqual(try alterTable("ALTER TABLE t DROP IF EXISTS (a, b) USING TIMESTAMP 42").action, .drop(ifExists: true, columns: ["a", "b"], timestamp: 42))
        XCTAssertEqual(
            try alterTable("ALTER TABLE t RENAME a TO b AND c TO \"D\"").action,
            .rename(ifExists: false, renames: [.init(from: "a", to: "b"), .init(from: "c", to: "D")])
        )
        XCTAssertEqual(try alterTable("ALTER TABLE t ALTER v TYPE blob").action, .alterType(column: "v", type: .native(.blob)))
        let withOptions = try alterTable("ALTER TABLE IF EXISTS ks.t WITH comment = 'x' AND default_time_to_live = 10")
        XCTAssertTrue(withOptions.ifExists)
        XCTAssertEqual(withOptions.table, QualifiedName(keyspace: "ks", name: "t"))
        XCTAssertEqual(withOptions.action, .options([Property(name: "comment", value: .text("x")), Property(name: "default_time_to_live", value: .text("10"))]))
    }

    func testAlterTableErrors() {
        ParserTestSupport.assertError("ALTER TABLE t MODIFY a int", "line 1:14 no viable alternative at input 'MODIFY'")
        ParserTestSupport.assertError("ALTER TABLE t DROP a USING TIMESTAMP ?", "line 1:37 mismatched input '?' expecting INTEGER")
        ParserTestSupport.assertFails("ALTER TABLE t ADD (a int,)")
        ParserTestSupport.assertFails("ALTER TABLE t RENAME a b")
    }
}
