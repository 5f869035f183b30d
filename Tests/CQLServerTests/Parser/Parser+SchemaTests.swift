import CQLProtocol
import XCTest
@testable import CQLServer

final class ParserSchemaTests: XCTestCase {
    func testCreateKeyspace() throws {
        let parsed = try ParserTestSupport.parse("""
            CREATE KEYSPACE IF NOT EXISTS Excelsior
            WITH replication = {'class': 'SimpleStrategy', 'replication_factor' : 3} AND durable_writes = false;
            """, as: \.asCreateKeyspace)
        XCTAssertEqual(parsed.keyspace, "excelsior")
        XCTAssertTrue(parsed.ifNotExists)
        XCTAssertEqual(parsed.replication, ["class": "SimpleStrategy", "replication_factor": "3"])
        XCTAssertEqual(parsed.durableWrites, "false")
        let schema = try ParserTestSupport.parse("CREATE SCHEMA \"Ks\" WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}", as: \.asCreateKeyspace)
        XCTAssertEqual(schema.keyspace, "Ks")
        XCTAssertFalse(schema.ifNotExists)
    }

    func testAlterAndDropKeyspaceAndUse() throws {
        XCTAssertEqual(
            try Parser.parse("ALTER KEYSPACE IF EXISTS ks WITH durable_writes = true"),
            .alterKeyspace(.init(keyspace: "ks", ifExists: true, options: [Property(name: "durable_writes", value: .text("true"))]))
        )
        XCTAssertEqual(try Parser.parse("DROP KEYSPACE IF EXISTS ks"), .dropKeyspace(.init(keyspace: "ks", ifExists: true)))
        XCTAssertEqual(try Parser.parse("DROP SCHEMA ks"), .dropKeyspace(.init(keyspace: "ks")))
        XCTAssertEqual(try Parser.parse("USE \"MyKs\";"), .use(.init(keyspace: "MyKs")))
        ParserTestSupport.assertError("USE ?", "Bind variables cannot be used for keyspace names")
    }

    func testDropTableAndTruncate() throws {
        XCTAssertEqual(try Parser.parse("DROP TABLE IF EXISTS ks.t"), .dropTable(.init(table: QualifiedName(keyspace: "ks", name: "t"), ifExists: true)))
        XCTAssertEqual(try Parser.parse("DROP COLUMNFAMILY t"), .dropTable(.init(table: QualifiedName(name: "t"))))
        XCTAssertEqual(try Parser.parse("TRUNCATE ks.t"), .truncate(.init(table: QualifiedName(keyspace: "ks", name: "t"))))
        XCTAssertEqual(try Parser.parse("TRUNCATE TABLE t"), .truncate(.init(table: QualifiedName(name: "t"))))
    }

    func testUserDefinedTypes() throws {
        XCTAssertEqual(
            try Parser.parse("CREATE TYPE IF NOT EXISTS ks.address (street text, city text, zip int, phones map<text, frozen<phone>>,)"),
            .createType(.init(type: QualifiedName(keyspace: "ks", name: "address"), ifNotExists: true, fields: [
                .init(name: "street", type: .native(.text)),
                .init(name: "city", type: .native(.text)),
                .init(name: "zip", type: .native(.int)),
                .init(name: "phones", type: .map(.native(.text), .frozen(.userDefined(.init(name: "phone"))))),
            ]))
        )
        XCTAssertEqual(
            try Parser.parse("ALTER TYPE address ADD country text"),
            .alterType(.init(type: QualifiedName(name: "address"), action: .add(ifNotExists: false, field: .init(name: "country", type: .native(.text)))))
        )
        XCTAssertEqual(
            try Parser.parse("ALTER TYPE IF EXISTS address RENAME IF EXISTS zip TO zipcode AND city TO town"),
            .alterType(.init(type: QualifiedName(name: "address"), ifExists: true, action: .rename(ifExists: true, renames: [
                .init(from: "zip", to: "zipcode"), .init(from: "city", to: "town"),
            ])))
        )
        XCTAssertEqual(
            try Parser.parse("ALTER TYPE address ALTER zip TYPE varint"),
            .alterType(.init(type: QualifiedName(name: "address"), action: .alterType(field: "zip", type: .native(.varint))))
        )
        XCTAssertEqual(try Parser.parse("DROP TYPE IF EXISTS ks.address"), .dropType(.init(type: QualifiedName(keyspace: "ks", name: "address"), ifExists: true)))
        ParserTestSupport.assertError("CREATE TYPE byte (a int)", "Invalid (reserved) user type name byte")
        ParserTestSupport.assertError("CREATE TYPE int (a int)", "line 1:12 no viable alternative at input 'int'")
        ParserTestSupport.assertFails("CREATE TYPE t ()")
        ParserTestSupport.assertFails("ALTER TYPE t DROP a")
    }

    func testCreateIndex() throws {
        XCTAssertEqual(
            try Parser.parse("CREATE INDEX userIndex ON NerdMovies (user)"),
            .createIndex(.init(name: "userindex", table: QualifiedName(name: "nerdmovies"), targets: [.init(column: "user")]))
        )
        XCTAssertEqual(
            try ParserTestSupport.parse("CREATE INDEX IF NOT EXISTS ON ks.t (KEYS(m))", as: \.asCreateIndex),
            .init(ifNotExists: true, table: QualifiedName(keyspace: "ks", name: "t"), targets: [.init(column: "m", kind: .keys)])
        )
        for (form, kind) in [("values", Statement.CreateIndex.Target.Kind.values), ("entries", .entries), ("full", .full)] {
            XCTAssertEqual(try ParserTestSupport.parse("CREATE INDEX ON t (\(form)(c))", as: \.asCreateIndex).targets, [.init(column: "c", kind: kind)])
        }
        XCTAssertEqual(try ParserTestSupport.parse("CREATE INDEX ON t (keys)", as: \.asCreateIndex).targets, [.init(column: "keys")])
        let custom = try ParserTestSupport.parse("""
            CREATE CUSTOM INDEX ann_idx ON t (v) USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': 'COSINE'}
            """, as: \.asCreateIndex)
        XCTAssertTrue(custom.isCustom)
        XCTAssertEqual(custom.usingClass, "StorageAttachedIndex")
        XCTAssertEqual(custom.properties, [Property(name: "options", value: .map(["similarity_function": "COSINE"]))])
        XCTAssertEqual(try Parser.parse("DROP INDEX IF EXISTS ks.idx"), .dropIndex(.init(index: QualifiedName(keyspace: "ks", name: "idx"), ifExists: true)))
        ParserTestSupport.assertError("CREATE INDEX ON t (c) USING StorageAttachedIndex", "line 1:28 mismatched input 'StorageAttachedIndex' expecting STRING_LITERAL")
        ParserTestSupport.assertError("DROP INDEX ?", "Bind variables cannot be used for index names")
    }

    func testDispatchErrors() {
        ParserTestSupport.assertError("CREATE VIEW v AS SELECT * FROM t", "line 1:7 no viable alternative at input 'VIEW'")
        ParserTestSupport.assertError("DROP FUNCTION f", "line 1:5 no viable alternative at input 'FUNCTION'")
        ParserTestSupport.assertError("ALTER USER u", "line 1:6 no viable alternative at input 'USER'")
    }
}
