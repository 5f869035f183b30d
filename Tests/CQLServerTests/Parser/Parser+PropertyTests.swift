import XCTest
@testable import CQLServer

final class ParserPropertyTests: XCTestCase {
    private func options(_ with: String) throws -> [Property] {
        guard case .alterKeyspace(let alter) = try Parser.parse("ALTER KEYSPACE ks WITH \(with)") else {
            throw XCTSkip("not an ALTER KEYSPACE")
        }
        return alter.options
    }

    func testConstantsKeepRawText() throws {
        XCTAssertEqual(try options("a = 'x' AND b = 1 AND c = 1.5 AND d = true AND e = 0xff AND f = 1h AND \"G\" = key AND h = NaN"), [
            Property(name: "a", value: .text("x")), Property(name: "b", value: .text("1")), Property(name: "c", value: .text("1.5")),
            Property(name: "d", value: .text("true")), Property(name: "e", value: .text("0xff")), Property(name: "f", value: .text("1h")),
            Property(name: "G", value: .text("key")), Property(name: "h", value: .text("NaN")),
        ])
        XCTAssertEqual(try options("m = {}"), [Property(name: "m", value: .map([:]))])
        XCTAssertEqual([Property(name: "a", value: .text("x"))][option: "a"], .text("x"))
    }

    func testErrorsFollowCassandra() {
        ParserTestSupport.assertError("ALTER KEYSPACE ks WITH replication = {'a': 1, 'a': 2}", "Multiple definition for property a")
        ParserTestSupport.assertError("ALTER KEYSPACE ks WITH a = 1 AND a = 1", "Multiple definition for property a")
        ParserTestSupport.assertError("ALTER KEYSPACE ks WITH replication = {'class': ?}", "Invalid property value: ? for property: class (bind variables are not supported in DDL queries)")
        ParserTestSupport.assertError("ALTER KEYSPACE ks WITH replication = {x: 1}", "Invalid property name: x")
        ParserTestSupport.assertError("ALTER KEYSPACE ks WITH a = ?", "line 1:27 no viable alternative at input '?'")
        ParserTestSupport.assertError("ALTER KEYSPACE ks WITH a = select", "line 1:27 no viable alternative at input 'select'")
        ParserTestSupport.assertError("ALTER KEYSPACE ks", "line 1:17 mismatched input '<EOF>' expecting K_WITH")
    }
}
