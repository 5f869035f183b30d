import Foundation
import CQLProtocol
import XCTest
@testable import CQLServer

final class ParserTermTests: XCTestCase {
    private func term(_ text: String) throws -> Term { try ParserTestSupport.term(text) }

    func testEveryLiteralForm() throws {
        XCTAssertEqual(try term("'it''s'"), .string("it's"))
        XCTAssertEqual(try term("$$raw 'text'$$"), .string("raw 'text'"))
        XCTAssertEqual(try term("42"), .int("42"))
        XCTAssertEqual(try term("-42"), .int("-42"))
        XCTAssertEqual(try term("- 42"), .int("-42"))
        XCTAssertEqual(try term("3.14"), .literal(.float("3.14")))
        XCTAssertEqual(try term("-1.5e-3"), .literal(.float("-1.5e-3")))
        XCTAssertEqual(try term("NaN"), .literal(.float("NaN")))
        XCTAssertEqual(try term("-Infinity"), .literal(.float("-Infinity")))
        XCTAssertEqual(try term("- Infinity"), .literal(.float("-Infinity")))
        XCTAssertEqual(try term("true"), .literal(.boolean(true)))
        XCTAssertEqual(try term("FALSE"), .literal(.boolean(false)))
        XCTAssertEqual(try term("0xCAFE01"), .literal(.blob([0xCA, 0xFE, 0x01])))
        XCTAssertEqual(try term("0x"), .literal(.blob([])))
        XCTAssertEqual(try term("1h30m"), .literal(.duration("1h30m")))
        XCTAssertEqual(try term("P1DT2H"), .literal(.duration("P1DT2H")))
        XCTAssertEqual(try term("null"), .null)
        let uuid = try XCTUnwrap(UUID(uuidString: "123e4567-e89b-12d3-a456-426614174000"))
        XCTAssertEqual(try term("123e4567-e89b-12d3-a456-426614174000"), .literal(.uuid(uuid)))
    }

    func testCollections() throws {
        XCTAssertEqual(try term("[1, 2, 3]"), .list([.int("1"), .int("2"), .int("3")]))
        XCTAssertEqual(try term("[]"), .list([]))
        XCTAssertEqual(try term("{1, 2}"), .set([.int("1"), .int("2")]))
        XCTAssertEqual(try term("{}"), .set([]))
        XCTAssertEqual(
            try term("{'a': 1, 'b': [2]}"),
            .map([.init(key: .string("a"), value: .int("1")), .init(key: .string("b"), value: .list([.int("2")]))])
        )
        XCTAssertEqual(try term("{1: now()}"), .map([.init(key: .int("1"), value: .functionCall(QualifiedName(name: "now"), []))]))
    }

    func testTuplesAndUserTypeLiterals() throws {
        XCTAssertEqual(try term("(1, 'a', null)"), .tuple([.int("1"), .string("a"), .null]))
        XCTAssertEqual(try term("(1)"), .tuple([.int("1")]))
        XCTAssertEqual(
            try term("{Street: '1 Main', \"Zip\": 12345, key: {x: 1}}"),
            .userType([
                .init(name: "street", value: .string("1 Main")),
                .init(name: "Zip", value: .int("12345")),
                .init(name: "key", value: .userType([.init(name: "x", value: .int("1"))])),
            ])
        )
    }

    func testFunctionCalls() throws {
        XCTAssertEqual(try term("now()"), .functionCall(QualifiedName(name: "now"), []))
        XCTAssertEqual(
            try term("toTimestamp(now())"),
            .functionCall(QualifiedName(name: "totimestamp"), [.functionCall(QualifiedName(name: "now"), [])])
        )
        XCTAssertEqual(try term("system.uuid()"), .functionCall(QualifiedName(keyspace: "system", name: "uuid"), []))
        XCTAssertEqual(try term("\"MyFn\"(1, ?)"), .functionCall(QualifiedName(name: "MyFn"), [.int("1"), .marker(0)]))
        XCTAssertEqual(try term("token(1)"), .functionCall(QualifiedName(name: "token"), [.int("1")]))
        XCTAssertEqual(try term("blob(1)"), .functionCall(QualifiedName(name: "blob"), [.int("1")]))
    }

    func testTypeHintsCastsAndNegation() throws {
        XCTAssertEqual(try term("(int) ?"), .typeHint(.native(.int), .marker(0)))
        XCTAssertEqual(try term("(frozen<list<text>>) :x"), .typeHint(.frozen(.list(.native(.text))), .marker(0, "x")))
        XCTAssertEqual(try term("(address) {street: 'x'}"), .typeHint(.userDefined(.init(name: "address")), .userType([.init(name: "street", value: .string("x"))])))
        XCTAssertEqual(try term("CAST(1 AS text)"), .cast(.int("1"), .native(.text)))
        XCTAssertEqual(try term("- ?"), .negation(.marker(0)))
    }

    func testMarkersAreNumberedInOrder() throws {
        XCTAssertEqual(try term("[?, :a, (int) ?, {?: :b}]"), .list([
            .marker(0), .marker(1, "a"), .typeHint(.native(.int), .marker(2)), .map([.init(key: .marker(3), value: .marker(4, "b"))]),
        ]))
        XCTAssertEqual(try term(":\"Name\""), .marker(0, "Name"))
    }

    func testMalformedTerms() {
        for text in ["[1, 2", "{1: 2, 3}", "(", "()", "0x123", "CAST(1 AS mytype)", "{a: }", "foo", "select"] {
            XCTAssertThrowsError(try term(text), text) { error in
                XCTAssertTrue(error is ParseError, text)
            }
        }
        XCTAssertThrowsError(try term("0x123")) { error in
            XCTAssertEqual((error as? ParseError)?.message, "cannot parse '0x123' as hex bytes")
        }
    }
}
