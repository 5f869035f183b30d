import XCTest
@testable import CQLServer

final class ParserDeleteTests: XCTestCase {
    private func delete(_ text: String) throws -> Statement.Delete {
        try ParserTestSupport.parse(text, as: \.asDelete)
    }

    func testDeleteFromTheDocs() throws {
        let parsed = try delete("DELETE FROM NerdMovies USING TIMESTAMP 1240003134 WHERE movie = 'Serenity';")
        XCTAssertEqual(parsed, Statement.Delete(
            table: QualifiedName(name: "nerdmovies"),
            using: UsingClause(timestamp: .int("1240003134")),
            whereClause: [Relation(.column("movie"), .equal, .term(.string("Serenity")))]
        ))
    }

    func testTargetsAndConditions() throws {
        let parsed = try delete("DELETE phone, m['k'], l[?], addr.city FROM ks.users WHERE userid IN (1, 2) IF v = 3 AND w > ?")
        XCTAssertEqual(parsed.targets, [.column("phone"), .element("m", key: .string("k")), .element("l", key: .marker(0)), .field("addr", "city")])
        XCTAssertEqual(parsed.table, QualifiedName(keyspace: "ks", name: "users"))
        XCTAssertEqual(parsed.conditions, [
            Condition(.column("v"), .equal, .term(.int("3"))),
            Condition(.column("w"), .greaterThan, .term(.marker(1))),
        ])
        XCTAssertTrue(try delete("DELETE FROM t WHERE k = 1 IF EXISTS").ifExists)
    }

    func testErrors() {
        ParserTestSupport.assertError("DELETE FROM t USING TTL 1 WHERE k = 1", "line 1:20 mismatched input 'TTL' expecting K_TIMESTAMP")
        ParserTestSupport.assertError("DELETE FROM t", "line 1:13 mismatched input '<EOF>' expecting K_WHERE")
        ParserTestSupport.assertError("DELETE a b FROM t WHERE k = 1", "line 1:9 mismatched input 'b' expecting K_FROM")
        ParserTestSupport.assertFails("DELETE a, FROM t WHERE k = 1")
    }
}
