import XCTest
@testable import CQLServer

final class ParserInsertTests: XCTestCase {
    private func insert(_ text: String) throws -> Statement.Insert {
        try ParserTestSupport.parse(text, as: \.asInsert)
    }

    func testInsertFromTheDocs() throws {
        let parsed = try insert("INSERT INTO NerdMovies (movie, director, main_actor, year) VALUES ('Serenity', 'Joss Whedon', 'Nathan Fillion', 2005) USING TTL 86400;")
        XCTAssertEqual(parsed, Statement.Insert(
            table: QualifiedName(name: "nerdmovies"),
            columns: ["movie", "director", "main_actor", "year"],
            values: [.string("Serenity"), .string("Joss Whedon"), .string("Nathan Fillion"), .int("2005")],
            using: UsingClause(timeToLive: .int("86400"))
        ))
    }

    func testIfNotExistsAndUsingBothAttributes() throws {
        let parsed = try insert("INSERT INTO ks.t (k, v) VALUES (?, ?) IF NOT EXISTS USING TTL ? AND TIMESTAMP 123")
        XCTAssertTrue(parsed.ifNotExists)
        XCTAssertEqual(parsed.values, [.marker(0), .marker(1)])
        XCTAssertEqual(parsed.using, UsingClause(timestamp: .int("123"), timeToLive: .marker(2)))
    }

    func testCollectionAndFunctionValues() throws {
        let parsed = try insert("INSERT INTO t (k, l, s, m, u, id) VALUES (1, [1, 2], {'a'}, {'k': 1}, {street: 'x'}, now())")
        XCTAssertEqual(parsed.values[1], .list([.int("1"), .int("2")]))
        XCTAssertEqual(parsed.values[2], .set([.string("a")]))
        XCTAssertEqual(parsed.values[3], .map([.init(key: .string("k"), value: .int("1"))]))
        XCTAssertEqual(parsed.values[4], .userType([.init(name: "street", value: .string("x"))]))
        XCTAssertEqual(parsed.values[5], .functionCall(QualifiedName(name: "now"), []))
    }

    func testMarkerNumberingFollowsText() throws {
        let parsed = try Parser.parseWithBindMarkers("INSERT INTO t (a, b, c) VALUES (:a, ?, :c) USING TIMESTAMP :ts AND TTL ?")
        XCTAssertEqual(parsed.bindMarkers, [
            BindMarker(index: 0, name: "a"), BindMarker(index: 1), BindMarker(index: 2, name: "c"),
            BindMarker(index: 3, name: "ts"), BindMarker(index: 4),
        ])
    }

    func testErrors() {
        ParserTestSupport.assertError("INSERT INTO t JSON '{}'", "line 1:14 INSERT JSON is not supported by this server")
        ParserTestSupport.assertError("INSERT INTO t (a) VALUE (1)", "line 1:18 mismatched input 'VALUE' expecting K_VALUES")
        ParserTestSupport.assertError("INSERT t (a) VALUES (1)", "line 1:7 mismatched input 't' expecting K_INTO")
        ParserTestSupport.assertError("INSERT INTO t (a) VALUES (1) USING TTL 'x'", "line 1:39 no viable alternative at input ''x''")
        ParserTestSupport.assertError("INSERT INTO t (a) VALUES ()", "line 1:26 no viable alternative at input ')'")
        ParserTestSupport.assertFails("INSERT INTO t (a) VALUES (1) USING TTL 1 IF NOT EXISTS")
        ParserTestSupport.assertFails("INSERT INTO t () VALUES (1)")
    }
}
