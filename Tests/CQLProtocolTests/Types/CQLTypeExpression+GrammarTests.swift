import XCTest
@testable import CQLProtocol

final class CQLTypeExpressionGrammarTests: XCTestCase {
    private typealias Token = CQLTypeExpression.Token

    private static func word(_ value: String) -> Token { Token(kind: .word, value: value) }
    private static func symbol(_ value: String) -> Token { Token(kind: .symbol, value: value) }

    private func assertFailure(_ tokens: [Token], _ reason: CQLTypeExpression.SyntaxError.Reason, at offset: Int,
                               maximumDepth: Int = CQLTypeExpression.maximumDepth, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try CQLTypeExpression.parse(tokens, maximumDepth: maximumDepth), file: file, line: line) { error in
            XCTAssertEqual(error as? CQLTypeExpression.SyntaxError, .init(reason, tokenOffset: offset), file: file, line: line)
        }
    }

    func testParseStopsAfterTheTypeAndCountsItsTokens() throws {
        // `map<text, int> static, …` as a statement parser sees it.
        let tokens = [Self.word("map"), Self.symbol("<"), Self.word("text"), Self.symbol(","), Self.word("int"), Self.symbol(">"),
                      Self.word("static"), Self.symbol(","), .end]
        let parsed = try CQLTypeExpression.parse(tokens)
        XCTAssertEqual(parsed.type, .map(.native(.text), .native(.int)))
        XCTAssertEqual(parsed.tokenCount, 6)
    }

    func testParseReadsFromASliceOfALargerTokenArray() throws {
        let tokens = [Self.symbol("("), Self.word("frozen"), Self.symbol("<"), Self.word("address"), Self.symbol(">"), Self.symbol(")")]
        let parsed = try CQLTypeExpression.parse(tokens[1...])
        XCTAssertEqual(parsed.type, .frozen(.userDefined(.init(name: "address"))))
        XCTAssertEqual(parsed.tokenCount, 4)
    }

    func testTokenKinds() throws {
        XCTAssertEqual(try CQLTypeExpression.parse([Token(kind: .string, value: "a.B")]).type, .custom("a.B"))
        XCTAssertEqual(try CQLTypeExpression.parse([Token(kind: .quotedName, value: "Int")]).type, .userDefined(.init(name: "Int")))
        let vector = [Self.word("vector"), Self.symbol("<"), Self.word("float"), Self.symbol(","), Token(kind: .integer, value: "3"), Self.symbol(">")]
        XCTAssertEqual(try CQLTypeExpression.parse(vector).type, .vector(.native(.float), dimension: 3))
        assertFailure([Token(kind: .other, value: "1.5")], .unexpectedToken, at: 0)
        assertFailure([Self.word("list"), Self.symbol("<"), Token(kind: .integer, value: "3"), Self.symbol(">")], .unexpectedToken, at: 2)
    }

    func testErrorsNameTheOffendingToken() {
        assertFailure([Self.word("list"), Self.symbol("<"), Self.word("int"), Self.word("primary")], .expectedSymbol(">"), at: 3)
        assertFailure([Self.word("map"), Self.symbol("<"), Self.word("int"), Self.symbol(">")], .expectedSymbol(","), at: 3)
        assertFailure([Self.word("vector"), Self.symbol("<"), Self.word("float"), Self.symbol(","), Token(kind: .integer, value: "-3"),
                       Self.symbol(">")], .expectedDimension, at: 4)
        assertFailure([Self.word("byte")], .reservedTypeName("byte"), at: 0)
        assertFailure([Self.word("ks"), Self.symbol("."), Self.word("select")], .unexpectedToken, at: 2)
        assertFailure([Self.word("frozen"), Self.symbol("<"), Self.word("writetime"), Self.symbol(">")], .unexpectedToken, at: 2)
        assertFailure([], .unexpectedToken, at: 0)
    }

    func testMaximumDepthIsTheRemainingBudget() throws {
        let twoLevels = [Self.word("list"), Self.symbol("<"), Self.word("int"), Self.symbol(">")]
        XCTAssertNoThrow(try CQLTypeExpression.parse(twoLevels, maximumDepth: 2))
        assertFailure(twoLevels, .nestingTooDeep, at: 2, maximumDepth: 1)
        assertFailure(twoLevels, .nestingTooDeep, at: 0, maximumDepth: 0)
    }

    func testUserTypeNames() throws {
        let qualified = try CQLTypeExpression.parseUserTypeName([Self.word("shop"), Self.symbol("."), Token(kind: .quotedName, value: "Addr"),
                                                                 Self.symbol("(")])
        XCTAssertEqual(qualified.name, .init(keyspace: "shop", name: "Addr"))
        XCTAssertEqual(qualified.tokenCount, 3)
        XCTAssertEqual(try CQLTypeExpression.parseUserTypeName([Self.word("key")]).name, .init(name: "key"))
        for word in ["int", "varchar", "ttl", "count", "select"] {
            XCTAssertThrowsError(try CQLTypeExpression.parseUserTypeName([Self.word(word)]), word) { error in
                XCTAssertEqual(error as? CQLTypeExpression.SyntaxError, .init(.unexpectedToken, tokenOffset: 0), word)
            }
        }
        for word in CQLKeywords.reservedTypeNames.subtracting(["date"]) {
            XCTAssertThrowsError(try CQLTypeExpression.parseUserTypeName([Self.word(word)]), word) { error in
                XCTAssertEqual(error as? CQLTypeExpression.SyntaxError, .init(.reservedTypeName(word), tokenOffset: 0), word)
            }
        }
    }
}
