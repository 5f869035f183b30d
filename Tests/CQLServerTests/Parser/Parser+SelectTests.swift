import CQLProtocol
import XCTest
@testable import CQLServer

final class ParserSelectTests: XCTestCase {
    private func select(_ text: String) throws -> Statement.Select {
        try ParserTestSupport.parse(text, as: \.asSelect)
    }

    func testSimpleSelect() throws {
        let parsed = try select("SELECT * FROM ks.users WHERE id = 1;")
        XCTAssertEqual(parsed, Statement.Select(
            table: QualifiedName(keyspace: "ks", name: "users"),
            whereClause: [Relation(.column("id"), .equal, .term(.int("1")))]
        ))
        XCTAssertTrue(parsed.selectsAll)
    }

    func testEveryClause() throws {
        let parsed = try select("""
            SELECT DISTINCT a, b AS "Bee" FROM t WHERE a = ? GROUP BY a, b ORDER BY c DESC, d ASC, e
            PER PARTITION LIMIT 2 LIMIT ? ALLOW FILTERING
            """)
        XCTAssertTrue(parsed.isDistinct)
        XCTAssertEqual(parsed.selectors, [.init(.column("a")), .init(.column("b"), alias: "Bee")])
        XCTAssertEqual(parsed.groupBy, [.column("a"), .column("b")])
        XCTAssertEqual(parsed.orderBy, [
            .init(column: "c", isDescending: true), .init(column: "d"), .init(column: "e"),
        ])
        XCTAssertEqual(parsed.perPartitionLimit, .int("2"))
        XCTAssertEqual(parsed.limit, .marker(1))
        XCTAssertTrue(parsed.allowFiltering)
    }

    func testFunctionSelectors() throws {
        let parsed = try select("""
            SELECT COUNT(*), count(1), writetime(v), ttl(v), maxwritetime(v), token(a, b), now(), uuid(),
                   toTimestamp(now()), currentTimestamp(), similarity_cosine(v, [1.0, 2.0]) AS score,
                   CAST(x AS text), ks.f(a, 'b') FROM t
            """)
        XCTAssertEqual(parsed.selectors.map(\.selector), [
            .countRows,
            .function(QualifiedName(name: "count"), [.term(.int("1"))]),
            .writeTime("v"), .timeToLive("v"), .maxWriteTime("v"),
            .function(QualifiedName(name: "token"), [.column("a"), .column("b")]),
            .function(QualifiedName(name: "now"), []),
            .function(QualifiedName(name: "uuid"), []),
            .function(QualifiedName(name: "totimestamp"), [.function(QualifiedName(name: "now"), [])]),
            .function(QualifiedName(name: "currenttimestamp"), []),
            .function(QualifiedName(name: "similarity_cosine"), [.column("v"), .term(.list([.literal(.float("1.0")), .literal(.float("2.0"))]))]),
            .cast(.column("x"), .native(.text)),
            .function(QualifiedName(keyspace: "ks", name: "f"), [.column("a"), .term(.string("b"))]),
        ])
        XCTAssertEqual(parsed.selectors[10].alias, "score")
    }

    func testFieldElementAndTypeHintSelectors() throws {
        let parsed = try select("SELECT addr.city, m['k'], (int) ?, (a), 'lit' FROM t")
        XCTAssertEqual(parsed.selectors.map(\.selector), [
            .field(.column("addr"), "city"),
            .element(.column("m"), .string("k")),
            .typeHint(.native(.int), .term(.marker(0))),
            .column("a"),
            .term(.string("lit")),
        ])
    }

    func testUnreservedKeywordsAsColumns() throws {
        let parsed = try select("SELECT json, distinct, key, ttl, date, type, values FROM \"Table\"")
        XCTAssertFalse(parsed.isDistinct)
        XCTAssertEqual(parsed.selectors.map(\.selector), ["json", "distinct", "key", "ttl", "date", "type", "values"].map { .column(Identifier($0)) })
        XCTAssertEqual(parsed.table, QualifiedName(name: "Table"))
        XCTAssertTrue(try select("SELECT DISTINCT distinct FROM t").isDistinct)
    }

    func testCaseRules() throws {
        let parsed = try select("SELECT MyCol, \"MyCol\" FROM MyKs.\"MyTable\"")
        XCTAssertEqual(parsed.selectors.map(\.selector), [.column("mycol"), .column("MyCol")])
        XCTAssertEqual(parsed.table, QualifiedName(keyspace: "myks", name: "MyTable"))
        XCTAssertEqual(Identifier("MyCol").description, "\"MyCol\"")
        XCTAssertEqual(Identifier("mycol").description, "mycol")
        XCTAssertEqual(Identifier("select").description, "\"select\"")
        XCTAssertEqual(Identifier("a\"b").description, "\"a\"\"b\"")
    }

    func testAnnOrdering() throws {
        let parsed = try select("SELECT * FROM t ORDER BY v ANN OF [1.0, 2.5] LIMIT 3")
        XCTAssertEqual(parsed.orderBy, [.init(column: "v", annOf: .list([.literal(.float("1.0")), .literal(.float("2.5"))]))])
        XCTAssertEqual(parsed.limit, .int("3"))
    }

    func testBindMarkersAreNumberedAcrossClauses() throws {
        let parsed = try Parser.parseWithBindMarkers("SELECT (int) ? FROM t WHERE a = :x AND b IN ? AND (c, d) > (?, ?) PER PARTITION LIMIT ? LIMIT :lim")
        XCTAssertEqual(parsed.bindMarkerCount, 7)
        XCTAssertEqual(parsed.bindMarkers.map(\.index), Array(0..<7))
        XCTAssertEqual(parsed.bindMarkers.map(\.name), [nil, "x", nil, nil, nil, nil, "lim"])
        let select = try XCTUnwrap(parsed.statement.asSelect)
        XCTAssertEqual(select.limit, .marker(6, "lim"))
        XCTAssertEqual(select.whereClause[2].value, .term(.tuple([.marker(3), .marker(4)])))
    }

    func testErrors() {
        ParserTestSupport.assertError("SELECT * FRM t", "line 1:9 mismatched input 'FRM' expecting K_FROM")
        ParserTestSupport.assertError("SELECT FROM t", "line 1:7 no viable alternative at input 'FROM'")
        ParserTestSupport.assertError("SELECT * FROM", "line 1:13 no viable alternative at input '<EOF>'")
        ParserTestSupport.assertError("SELECT JSON * FROM t", "line 1:7 SELECT JSON is not supported by this server")
        ParserTestSupport.assertError("SELECT * FROM ?", "Bind variables cannot be used for table names")
        ParserTestSupport.assertError("SELECT * FROM t LIMIT 'x'", "line 1:22 no viable alternative at input ''x''")
        ParserTestSupport.assertError("SELECT * FROM t ALLOW", "line 1:21 mismatched input '<EOF>' expecting K_FILTERING")
        ParserTestSupport.assertError("SELECT * FROM t LIMIT 1 WHERE a = 1", "line 1:24 mismatched input 'WHERE' expecting EOF")
        ParserTestSupport.assertFails("SELECT a, FROM t")
        ParserTestSupport.assertFails("SELECT CAST(a AS address) FROM t")
        ParserTestSupport.assertFails("SELECT a AS FROM t WHERE")
    }
}
