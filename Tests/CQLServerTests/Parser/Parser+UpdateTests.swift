import XCTest
@testable import CQLServer

final class ParserUpdateTests: XCTestCase {
    private func update(_ text: String) throws -> Statement.Update {
        try ParserTestSupport.parse(text, as: \.asUpdate)
    }

    func testUpdateFromTheDocs() throws {
        let parsed = try update("""
            UPDATE NerdMovies USING TTL 400
            SET director = 'Joss Whedon', main_actor = 'Nathan Fillion', year = 2005
            WHERE movie = 'Serenity';
            """)
        XCTAssertEqual(parsed, Statement.Update(
            table: QualifiedName(name: "nerdmovies"),
            using: UsingClause(timeToLive: .int("400")),
            assignments: [
                Assignment(column: "director", operation: .set(.string("Joss Whedon"))),
                Assignment(column: "main_actor", operation: .set(.string("Nathan Fillion"))),
                Assignment(column: "year", operation: .set(.int("2005"))),
            ],
            whereClause: [Relation(.column("movie"), .equal, .term(.string("Serenity")))]
        ))
    }

    func testEveryAssignmentForm() throws {
        let parsed = try update("""
            UPDATE t SET a = a + 1, b = b - {'x'}, c = [0] + c, d = d -3, m['k'] = 'v', l[2] = ?, addr.city = 'Paris', e = now()
            WHERE k = 0
            """)
        XCTAssertEqual(parsed.assignments.map(\.operation), [
            .add(.int("1")),
            .subtract(.set([.string("x")])),
            .prepend(.list([.int("0")])),
            .add(.int("-3")),
            .setElement(key: .string("k"), value: .string("v")),
            .setElement(key: .int("2"), value: .marker(0)),
            .setField("city", .string("Paris")),
            .set(.functionCall(QualifiedName(name: "now"), [])),
        ])
        XCTAssertEqual(parsed.assignments.map(\.column), ["a", "b", "c", "d", "m", "l", "addr", "e"])
    }

    func testConditions() throws {
        let parsed = try update("""
            UPDATE t SET v = 1 WHERE k = 0
            IF v = 0 AND w != null AND x < 3 AND y IN (1, ?) AND m['k'] = 'v' AND m['j'] IN ('a') AND addr.city = 'x' AND s CONTAINS 1
            """)
        XCTAssertFalse(parsed.ifExists)
        XCTAssertEqual(parsed.conditions, [
            Condition(.column("v"), .equal, .term(.int("0"))),
            Condition(.column("w"), .notEqual, .term(.null)),
            Condition(.column("x"), .lessThan, .term(.int("3"))),
            Condition(.column("y"), .in, .list([.int("1"), .marker(0)])),
            Condition(.element("m", key: .string("k")), .equal, .term(.string("v"))),
            Condition(.element("m", key: .string("j")), .in, .list([.string("a")])),
            Condition(.field("addr", "city"), .equal, .term(.string("x"))),
            Condition(.column("s"), .contains, .term(.int("1"))),
        ])
        XCTAssertTrue(try update("UPDATE t SET v = 1 WHERE k = 0 IF EXISTS").ifExists)
    }

    func testBindMarkersAcrossUsingSetWhereAndIf() throws {
        let parsed = try Parser.parseWithBindMarkers("UPDATE t USING TTL ? AND TIMESTAMP ? SET a = ?, m[?] = ?, l = ? + l WHERE k = ? AND c IN ? IF v = ?")
        XCTAssertEqual(parsed.bindMarkerCount, 9)
        let update = try XCTUnwrap(parsed.statement.asUpdate)
        XCTAssertEqual(update.using, UsingClause(timestamp: .marker(1), timeToLive: .marker(0)))
        XCTAssertEqual(update.assignments.map(\.operation), [.set(.marker(2)), .setElement(key: .marker(3), value: .marker(4)), .prepend(.marker(5))])
        XCTAssertEqual(update.whereClause.map(\.value), [.term(.marker(6)), .term(.marker(7))])
        XCTAssertEqual(update.conditions, [Condition(.column("v"), .equal, .term(.marker(8)))])
    }

    func testErrors() {
        ParserTestSupport.assertError("UPDATE t SET a = b + 1 WHERE k = 0", "Only expressions of the form X = X +<value> are supported.")
        ParserTestSupport.assertError("UPDATE t SET a = b - 1 WHERE k = 0", "Only expressions of the form X = X -<value> are supported.")
        ParserTestSupport.assertError("UPDATE t SET a = b -1 WHERE k = 0", "Only expressions of the form X = X - <value> are supported.")
        ParserTestSupport.assertError("UPDATE t SET a = [1] + b WHERE k = 0", "Only expressions of the form X = <value> + X are supported.")
        ParserTestSupport.assertError("UPDATE t SET a += 1 WHERE k = 0", "line 1:15 mismatched input '+' expecting '='")
        ParserTestSupport.assertError("UPDATE t SET a = 1", "line 1:18 mismatched input '<EOF>' expecting K_WHERE")
        ParserTestSupport.assertError("UPDATE t SET a = b WHERE k = 0", "line 1:19 no viable alternative at input 'WHERE'")
        ParserTestSupport.assertFails("UPDATE t SET WHERE k = 0")
        ParserTestSupport.assertFails("UPDATE t SET a = 1 WHERE k = 0 IF")
        ParserTestSupport.assertFails("UPDATE t SET a = 1 WHERE k = 0 IF a CONTAINS")
    }
}
