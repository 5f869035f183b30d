import XCTest
@testable import CQLServer

/// `Relation.cqlText` (`Relation+CQLText.swift`): relations printed as Cassandra prints a
/// materialized view's `where_clause`.
final class RelationCQLTextTests: XCTestCase {
    private func relations(_ whereClause: String) throws -> [Relation] {
        try XCTUnwrap(Parser.parse("SELECT * FROM t WHERE \(whereClause)").asSelect).whereClause
    }

    func testEveryRelationShape() throws {
        let printed = try relations("""
            k IS NOT NULL AND "Col" = 'x' AND c IN (1, 2) AND d IN ? AND (a, b) > (1, 2) AND token(k) > 3
            AND c BETWEEN 1 AND 5 AND m['k'] = 2 AND s CONTAINS KEY 'q' AND e != 4
            """).map(\.cqlText)
        XCTAssertEqual(printed, [
            "k IS NOT NULL", "\"Col\" = 'x'", "c IN (1, 2)", "d IN ?", "(a, b) > (1, 2)", "token(k) > 3",
            "c BETWEEN 1 AND 5", "m['k'] = 2", "s CONTAINS KEY 'q'", "e != 4",
        ])
    }

    func testContainsBindMarker() throws {
        XCTAssertEqual(try relations("a = ? AND b IN (1, ?) AND c BETWEEN 1 AND :x AND d = 1").map(\.containsBindMarker),
                       [true, true, true, false])
    }
}
