import XCTest
@testable import CQLProtocol

final class CQLTypeExpressionTextTests: XCTestCase {
    private func parse(_ text: String) throws -> CQLTypeExpression {
        try CQLTypeExpression(parsing: text)
    }

    private func assertInvalid(_ text: String, _ message: String, offset: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try parse(text), text, file: file, line: line) { error in
            guard let error = error as? CQLProtocolError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(error.code, .invalidType, file: file, line: line)
            XCTAssertEqual(error.message, "invalid type '\(text)': \(message) at offset \(offset)", file: file, line: line)
            XCTAssertEqual(error.offset, offset, file: file, line: line)
        }
    }

    func testEveryNativeType() throws {
        let natives: [(String, CQLType)] = [
            ("ascii", .ascii), ("bigint", .bigint), ("blob", .blob), ("boolean", .boolean), ("counter", .counter),
            ("decimal", .decimal), ("double", .double), ("float", .float), ("int", .int), ("timestamp", .timestamp),
            ("uuid", .uuid), ("text", .text), ("varint", .varint), ("timeuuid", .timeuuid), ("inet", .inet),
            ("date", .date), ("time", .time), ("smallint", .smallint), ("tinyint", .tinyint), ("duration", .duration),
        ]
        for (name, type) in natives {
            XCTAssertEqual(try parse(name), .native(type), name)
            XCTAssertEqual(try parse(name.uppercased()), .native(type), name)
            XCTAssertEqual(try parse(name).canonicalText, name)
        }
        XCTAssertEqual(try parse("varchar"), .native(.text))
        XCTAssertEqual(try parse("VarChar").canonicalText, "text")
    }

    func testCollectionsTuplesAndVectors() throws {
        XCTAssertEqual(try parse("list<int>"), .list(.native(.int)))
        XCTAssertEqual(try parse("set<timeuuid>"), .set(.native(.timeuuid)))
        XCTAssertEqual(try parse("map<text, list<int>>"), .map(.native(.text), .list(.native(.int))))
        XCTAssertEqual(try parse("map<int, map<text, set<uuid>>>"),
                       .map(.native(.int), .map(.native(.text), .set(.native(.uuid)))))
        XCTAssertEqual(try parse("tuple<int>"), .tuple([.native(.int)]))
        XCTAssertEqual(try parse("tuple<int, text, tuple<boolean, blob>>"),
                       .tuple([.native(.int), .native(.text), .tuple([.native(.boolean), .native(.blob)])]))
        XCTAssertEqual(try parse("vector<float, 3>"), .vector(.native(.float), dimension: 3))
        XCTAssertEqual(try parse("vector<list<int>, 1024>"), .vector(.list(.native(.int)), dimension: 1024))
    }

    func testFrozenIsKeptAtAnyDepth() throws {
        XCTAssertEqual(try parse("frozen<list<int>>"), .frozen(.list(.native(.int))))
        XCTAssertEqual(try parse("list<frozen<set<int>>>"), .list(.frozen(.set(.native(.int)))))
        XCTAssertEqual(try parse("map<text, frozen<map<int, frozen<list<frozen<address>>>>>>"),
                       .map(.native(.text), .frozen(.map(.native(.int), .frozen(.list(.frozen(.userDefined(.init(name: "address")))))))))
        XCTAssertEqual(try parse("frozen<frozen<set<uuid>>>"), .frozen(.frozen(.set(.native(.uuid)))))
        XCTAssertEqual(try parse("FROZEN<Tuple<INT>>"), .frozen(.tuple([.native(.int)])))
    }

    func testUserDefinedTypeNames() throws {
        XCTAssertEqual(try parse("Address"), .userDefined(.init(name: "address")))
        XCTAssertEqual(try parse("\"Address\""), .userDefined(.init(name: "Address")))
        XCTAssertEqual(try parse("\"say \"\"hi\"\"\""), .userDefined(.init(name: "say \"hi\"")))
        XCTAssertEqual(try parse("Shop.Address"), .userDefined(.init(keyspace: "shop", name: "address")))
        XCTAssertEqual(try parse("\"Shop\" . \"Addr\""), .userDefined(.init(keyspace: "Shop", name: "Addr")))
        XCTAssertEqual(try parse("\"select\""), .userDefined(.init(name: "select")))
        XCTAssertEqual(try parse("key"), .userDefined(.init(name: "key")))
        XCTAssertEqual(try parse("list"), .userDefined(.init(name: "list")), "a parameterized keyword without '<' is a name")
        XCTAssertEqual(try parse("\"text\".address"), .userDefined(.init(keyspace: "text", name: "address")))
    }

    func testCustomTypes() throws {
        XCTAssertEqual(try parse("'org.apache.cassandra.db.marshal.BytesType'"), .custom("org.apache.cassandra.db.marshal.BytesType"))
        XCTAssertEqual(try parse("list<'a.B'>"), .list(.custom("a.B")))
        XCTAssertEqual(try parse("'it''s'"), .custom("it's"))
        XCTAssertEqual(try parse("'it''s'").canonicalText, "'it''s'")
    }

    func testWhitespaceAndCase() throws {
        let expected = CQLTypeExpression.map(.native(.text), .frozen(.list(.native(.int))))
        for text in ["map<text,frozen<list<int>>>", "  MAP < TEXT , FROZEN < LIST < INT > > >  ", "map<\n\ttext,\r\n frozen<list<int>>\n>"] {
            XCTAssertEqual(try parse(text), expected, text)
        }
        XCTAssertEqual(try parse(" vector < FLOAT , 3 > ").canonicalText, "vector<float, 3>")
    }

    func testCanonicalTextIsCassandrasSystemSchemaForm() throws {
        let cases: [(String, String)] = [
            ("int", "int"),
            ("map<text,int>", "map<text, int>"),
            ("frozen<list<int>>", "frozen<list<int>>"),
            ("frozen<frozen<set<uuid>>>", "frozen<set<uuid>>"),
            ("map<varchar, frozen<address>>", "map<text, frozen<address>>"),
            ("list<frozen<map<text, int>>>", "list<frozen<map<text, int>>>"),
            ("frozen<list<map<text, int>>>", "frozen<list<frozen<map<text, int>>>>"),
            ("frozen<map<text, list<int>>>", "frozen<map<text, frozen<list<int>>>>"),
            ("tuple<int, text>", "frozen<tuple<int, text>>"),
            ("frozen<tuple<int, text>>", "frozen<tuple<int, text>>"),
            ("tuple<int, address, list<int>>", "frozen<tuple<int, frozen<address>, frozen<list<int>>>>"),
            ("list<frozen<tuple<int, text>>>", "list<frozen<tuple<int, text>>>"),
            ("vector<float, 2>", "vector<float, 2>"),
            ("vector<frozen<list<int>>, 2>", "vector<frozen<list<int>>, 2>"),
            ("frozen<Address>", "frozen<address>"),
            ("frozen<ks.\"Addr\">", "frozen<\"Addr\">"),
            ("\"select\"", "\"select\""),
            ("frozen<int>", "int"),
            ("'a.B'", "'a.B'"),
        ]
        for (text, canonical) in cases {
            XCTAssertEqual(try parse(text).canonicalText, canonical, text)
        }
    }

    func testDescriptionPrintsTheTypeAsWritten() throws {
        XCTAssertEqual(try parse("frozen<map<VARCHAR, ks.addr>>").description, "frozen<map<text, ks.addr>>")
        XCTAssertEqual(try parse("tuple<int,address>").description, "tuple<int, address>")
        XCTAssertEqual(try parse("frozen<frozen<list<int>>>").description, "frozen<frozen<list<int>>>")
        XCTAssertEqual(try parse("\"My KS\".\"Addr\"").description, "\"My KS\".\"Addr\"")
    }

    func testPrintingRoundTrips() throws {
        let texts = [
            "int", "map<text, frozen<list<int>>>", "frozen<list<map<text, int>>>", "tuple<int, address, list<int>>",
            "vector<frozen<tuple<int, text>>, 4>", "ks.\"Addr\"", "set<frozen<\"Quoted \"\"Name\"\"\">>", "'it''s'",
            "map<frozen<set<int>>, frozen<ks.addr>>",
        ]
        for text in texts {
            let type = try parse(text)
            XCTAssertEqual(try parse(type.description), type, text)
            let canonical = type.canonicalText
            XCTAssertEqual(try parse(canonical).canonicalText, canonical, text)
            XCTAssertEqual(try parse(canonical).cqlType, type.cqlType.withoutKeyspaces, text)
        }
    }

    func testMalformedTextNamesWhatWasExpectedAndWhere() {
        assertInvalid("", "expected a type, found the end of the text", offset: 0)
        assertInvalid("   ", "expected a type, found the end of the text", offset: 3)
        assertInvalid("map<text>", "expected ',', found '>'", offset: 8)
        assertInvalid("list<int", "expected '>', found the end of the text", offset: 8)
        assertInvalid("list<int>>", "unexpected '>' after the type", offset: 9)
        assertInvalid("int extra", "unexpected 'extra' after the type", offset: 4)
        assertInvalid("frozen<>", "expected a type, found '>'", offset: 7)
        assertInvalid("tuple<>", "expected a type, found '>'", offset: 6)
        assertInvalid("map<text,,int>", "expected a type, found ','", offset: 9)
        assertInvalid("<int>", "expected a type, found '<'", offset: 0)
        assertInvalid("vector<float, 0>", "expected a positive vector dimension, found '0'", offset: 14)
        assertInvalid("vector<float, x>", "expected a positive vector dimension, found 'x'", offset: 14)
        assertInvalid("vector<float, -1>", "expected a positive vector dimension, found '-'", offset: 14)
        assertInvalid("vector<float>", "expected ',', found '>'", offset: 12)
        assertInvalid("select", "expected a type, found 'select'", offset: 0)
        assertInvalid("ttl", "expected a type, found 'ttl'", offset: 0)
        assertInvalid("true", "expected a type, found 'true'", offset: 0)
        assertInvalid("\"\"", "expected a type, found '\"\"'", offset: 0)
        assertInvalid("ks.int", "expected a type, found 'int'", offset: 3)
        assertInvalid("text.address", "unexpected '.' after the type", offset: 4)
        assertInvalid("list<Interval>", "'interval' is reserved and cannot name a type", offset: 5)
        assertInvalid("list<\"abc>", "unterminated quoted name", offset: 5)
        assertInvalid("'org.Abc", "unterminated custom type class", offset: 0)
        assertInvalid("list<int>é", "unexpected 'é' after the type", offset: 9)
    }

    func testNestingIsLimited() throws {
        let deepest = String(repeating: "list<", count: CQLTypeExpression.maximumDepth - 1) + "int"
            + String(repeating: ">", count: CQLTypeExpression.maximumDepth - 1)
        XCTAssertNoThrow(try parse(deepest))
        let tooDeep = "list<" + deepest + ">"
        let offset = 5 * CQLTypeExpression.maximumDepth
        assertInvalid(tooDeep, "nesting deeper than 64 levels at 'int'", offset: offset)
    }
}

private extension CQLType {
    /// The type with user-defined types' keyspaces cleared, as canonical text prints them.
    var withoutKeyspaces: CQLType {
        switch self {
        case .list(let element): .list(element.withoutKeyspaces)
        case .set(let element): .set(element.withoutKeyspaces)
        case .map(let key, let value): .map(key.withoutKeyspaces, value.withoutKeyspaces)
        case .tuple(let elements): .tuple(elements.map(\.withoutKeyspaces))
        case .vector(let element, let dimension): .vector(element.withoutKeyspaces, dimension: dimension)
        case .udt(let udt): .udt(.init(keyspace: "", name: udt.name, fields: udt.fields))
        default: self
        }
    }
}
