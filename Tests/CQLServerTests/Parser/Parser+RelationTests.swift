import XCTest
@testable import CQLServer

final class ParserRelationTests: XCTestCase {
    private func relations(_ whereClause: String) throws -> [Relation] {
        try ParserTestSupport.parse("SELECT * FROM t WHERE \(whereClause)", as: \.asSelect).whereClause
    }

    func testComparisonOperators() throws {
        let parsed = try relations("a = 1 AND b < 2 AND c <= 3 AND d > 4 AND e >= 5 AND f != 6")
        XCTAssertEqual(parsed.map(\.operator), [.equal, .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual, .notEqual])
        XCTAssertEqual(parsed[0], Relation(.column("a"), .equal, .term(.int("1"))))
        XCTAssertEqual(parsed[5].target, .column("f"))
    }

    func testInContainsLikeAndIsNotNull() throws {
        let parsed = try relations("a IN (1, 2) AND b IN ? AND c IN () AND s CONTAINS 'x' AND m CONTAINS KEY 'k' AND n LIKE 'ab%' AND v IS NOT NULL")
        XCTAssertEqual(parsed, [
            Relation(.column("a"), .in, .list([.int("1"), .int("2")])),
            Relation(.column("b"), .in, .term(.marker(0))),
            Relation(.column("c"), .in, .list([])),
            Relation(.column("s"), .contains, .term(.string("x"))),
            Relation(.column("m"), .containsKey, .term(.string("k"))),
            Relation(.column("n"), .like, .term(.string("ab%"))),
            Relation(.column("v"), .isNot, .term(.null)),
        ])
    }

    func testNegatedAndBetweenOperators() throws {
        let parsed = try relations("a NOT IN (1) AND s NOT CONTAINS 2 AND m NOT CONTAINS KEY 3 AND c BETWEEN 1 AND 5 AND x = 1")
        XCTAssertEqual(parsed.map(\.operator), [.notIn, .notContains, .notContainsKey, .between, .equal])
        XCTAssertEqual(parsed[3].value, .range(.int("1"), .int("5")))
    }

    func testMapElementRelation() throws {
        XCTAssertEqual(try relations("m['k'] = ?"), [Relation(.element("m", key: .string("k")), .equal, .term(.marker(0)))])
    }

    func testTokenRelations() throws {
        let parsed = try relations("token(a, b) > token(1, 2) AND token(a, b) <= ?")
        XCTAssertEqual(parsed[0], Relation(.token(["a", "b"]), .greaterThan, .term(.functionCall(QualifiedName(name: "token"), [.int("1"), .int("2")]))))
        XCTAssertEqual(parsed[1], Relation(.token(["a", "b"]), .lessThanOrEqual, .term(.marker(0))))
    }

    func testMultiColumnRelations() throws {
        let parsed = try relations("(c1, c2) > (1, 2) AND (c1, c2) IN ((1, 2), (3, 4)) AND (c1, c2) <= ? AND (c1, c2) IN ? AND (c1) = (1)")
        XCTAssertEqual(parsed, [
            Relation(.columns(["c1", "c2"]), .greaterThan, .term(.tuple([.int("1"), .int("2")]))),
            Relation(.columns(["c1", "c2"]), .in, .list([.tuple([.int("1"), .int("2")]), .tuple([.int("3"), .int("4")])])),
            Relation(.columns(["c1", "c2"]), .lessThanOrEqual, .term(.marker(0))),
            Relation(.columns(["c1", "c2"]), .in, .term(.marker(1))),
            Relation(.columns(["c1"]), .equal, .term(.tuple([.int("1")]))),
        ])
    }

    func testParenthesizedRelation() throws {
        XCTAssertEqual(try relations("(a = 1) AND b = 2"), [
            Relation(.column("a"), .equal, .term(.int("1"))),
            Relation(.column("b"), .equal, .term(.int("2"))),
        ])
    }

    func testMalformedRelations() {
        ParserTestSupport.assertError("SELECT * FROM t WHERE a", "line 1:23 no viable alternative at input '<EOF>'")
        ParserTestSupport.assertError("SELECT * FROM t WHERE a == 1", "line 1:25 no viable alternative at input '='")
        ParserTestSupport.assertError("SELECT * FROM t WHERE a IS NULL", "line 1:27 mismatched input 'NULL' expecting K_NOT")
        ParserTestSupport.assertFails("SELECT * FROM t WHERE a = 1 AND")
        ParserTestSupport.assertFails("SELECT * FROM t WHERE token(a) IN (1)")
        ParserTestSupport.assertFails("SELECT * FROM t WHERE (a, b) CONTAINS 1")
    }
}
