import CQLProtocol
import XCTest
@testable import CQLServer

final class ParserTypeTests: XCTestCase {
    private func type(_ text: String) throws -> CQLTypeExpression { try ParserTestSupport.type(text) }

    func testNativeAndCollectionTypes() throws {
        XCTAssertEqual(try type("INT"), .native(.int))
        XCTAssertEqual(try type("varchar"), .native(.text))
        XCTAssertEqual(try type("map<text, list<int>>"), .map(.native(.text), .list(.native(.int))))
        XCTAssertEqual(try type("set<frozen<tuple<int, text>>>"), .set(.frozen(.tuple([.native(.int), .native(.text)]))))
        XCTAssertEqual(try type("vector<float, 3>"), .vector(.native(.float), dimension: 3))
        XCTAssertEqual(try type("ks.\"Address\""), .userDefined(.init(keyspace: "ks", name: "Address")))
        XCTAssertEqual(try type("'org.apache.cassandra.db.marshal.BytesType'"), .custom("org.apache.cassandra.db.marshal.BytesType"))
    }

    func testFrozenIsKept() throws {
        let frozen = try type("frozen<list<int>>")
        XCTAssertTrue(frozen.isFrozen)
        XCTAssertEqual(frozen.unfrozen, .list(.native(.int)))
        XCTAssertFalse(try type("list<int>").isFrozen)
        XCTAssertTrue(try type("tuple<int>").isFrozen)
        XCTAssertEqual(frozen.cqlType, .list(.int))
    }

    func testCanonicalTextMatchesSystemSchema() throws {
        let cases: [(String, String)] = [
            ("frozen<list<int>>", "frozen<list<int>>"),
            ("map<varchar, frozen<address>>", "map<text, frozen<address>>"),
            ("frozen<map<text, list<int>>>", "frozen<map<text, frozen<list<int>>>>"),
            ("tuple<int, frozen<address>>", "frozen<tuple<int, frozen<address>>>"),
            ("list<frozen<tuple<int, text>>>", "list<frozen<tuple<int, text>>>"),
            ("frozen<ks.\"Addr\">", "frozen<\"Addr\">"),
            ("vector<float, 2>", "vector<float, 2>"),
            ("set<timeuuid>", "set<timeuuid>"),
        ]
        for (text, canonical) in cases {
            XCTAssertEqual(try type(text).canonicalText, canonical, text)
        }
        XCTAssertEqual(try type("frozen<map<VARCHAR, ks.addr>>").description, "frozen<map<text, ks.addr>>")
    }

    func testUserTypeToCQLType() throws {
        XCTAssertEqual(try type("ks.addr").cqlType, .udt(.init(keyspace: "ks", name: "addr", fields: [])))
    }

    func testMalformedTypes() {
        for text in ["list<int", "map<int>", "vector<float, 0>", "vector<float, x>", "frozen<>", "tuple<>", "byte", "select", "ttl", "<int>"] {
            XCTAssertThrowsError(try type(text), text)
        }
        XCTAssertThrowsError(try type("interval")) { error in
            XCTAssertEqual((error as? ParseError)?.message, "Invalid (reserved) user type name interval")
        }
    }

    func testTypeErrorsKeepCassandrasWordingAndPosition() {
        ParserTestSupport.assertError("CREATE TABLE t (k list<int PRIMARY KEY)", "line 1:27 mismatched input 'PRIMARY' expecting '>'")
        ParserTestSupport.assertError("CREATE TABLE t (k int PRIMARY KEY, v map<int>)", "line 1:44 mismatched input '>' expecting ','")
        ParserTestSupport.assertError("CREATE TABLE t (k int PRIMARY KEY, v vector<float, -2>)", "line 1:51 mismatched input '-2' expecting INTEGER")
        ParserTestSupport.assertError("CREATE TABLE t (k int PRIMARY KEY,\n v frozen<>)", "line 2:10 no viable alternative at input '>'")
        ParserTestSupport.assertError("CREATE TABLE t (k int PRIMARY KEY, v ks.select)", "line 1:40 no viable alternative at input 'select'")
        ParserTestSupport.assertError("CREATE TYPE ks.interval (a int)", "Invalid (reserved) user type name interval")
        XCTAssertThrowsError(try Parser.parse("CREATE TYPE ks.interval (a int)")) { error in
            XCTAssertEqual((error as? ParseError)?.column, 15)
        }
    }

    func testTypeNestingSharesTheParsersDepthLimit() throws {
        func nested(_ levels: Int) -> String {
            String(repeating: "list<", count: levels - 1) + "int" + String(repeating: ">", count: levels - 1)
        }
        XCTAssertNoThrow(try type(nested(Parser.maximumDepth)))
        XCTAssertThrowsError(try type(nested(Parser.maximumDepth + 1))) { error in
            XCTAssertEqual((error as? ParseError)?.message, "line 1:320 nesting deeper than 64 levels")
        }
        // Inside a term, the term's own nesting counts too.
        XCTAssertNoThrow(try Parser.parse("INSERT INTO t (k) VALUES ((\(nested(8))) [1])"))
        XCTAssertThrowsError(try Parser.parse("INSERT INTO t (k) VALUES ((\(nested(Parser.maximumDepth))) [1])")) { error in
            XCTAssertTrue((error as? ParseError)?.message.contains("nesting deeper than 64 levels") == true, "\(error)")
        }
    }
}
