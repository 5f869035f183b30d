import XCTest
@testable import CQLServer

final class LexerTests: XCTestCase {
    private func kinds(_ text: String) throws -> [Token.Kind] {
        try Lexer.tokenize(text).dropLast().map(\.kind)
    }

    private func single(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Token {
        let tokens = try Lexer.tokenize(text)
        XCTAssertEqual(tokens.count, 2, "\(tokens)", file: file, line: line)
        return tokens[0]
    }

    func testIdentifiersAreLowercasedUnlessQuoted() throws {
        let tokens = try Lexer.tokenize(#"SeLeCt MyCol "MyCol" "a""b" x_1"#)
        XCTAssertEqual(tokens.map(\.value), ["select", "mycol", "MyCol", #"a"b"#, "x_1", ""])
        XCTAssertEqual(tokens.map(\.kind), [.identifier, .identifier, .quotedName, .quotedName, .identifier, .endOfInput])
        XCTAssertEqual(tokens[1].text, "MyCol")
    }

    func testStringLiterals() throws {
        XCTAssertEqual(try single("'it''s'").value, "it's")
        XCTAssertEqual(try single("''").value, "")
        XCTAssertEqual(try single("$$a 'quoted' $ value$$").value, "a 'quoted' $ value")
        XCTAssertEqual(try single("$$$$").value, "")
        XCTAssertEqual(try single("'héllo\nworld'").value, "héllo\nworld")
    }

    func testNumbers() throws {
        let cases: [(String, Token.Kind, String)] = [
            ("42", .integer, "42"), ("-42", .integer, "-42"), ("1.5", .float, "1.5"), ("1.", .float, "1."),
            ("1e10", .float, "1e10"), ("-2.5E-3", .float, "-2.5E-3"), ("NaN", .float, "NaN"), ("-NaN", .float, "NaN"),
            ("Infinity", .float, "Infinity"), ("-infinity", .float, "-Infinity"),
            ("123456789012345678901234567890", .integer, "123456789012345678901234567890"),
        ]
        for (text, kind, value) in cases {
            let token = try single(text)
            XCTAssertEqual(token.kind, kind, text)
            XCTAssertEqual(token.value, value, text)
        }
    }

    func testMinusTouchingDigitsIsPartOfTheNumber() throws {
        XCTAssertEqual(try Lexer.tokenize("x - 3").map(\.value), ["x", "-", "3", ""])
        XCTAssertEqual(try Lexer.tokenize("x -3").map(\.value), ["x", "-3", ""])
        XCTAssertEqual(try Lexer.tokenize("x-y").map(\.value), ["x", "-", "y", ""])
    }

    func testBlobsUUIDsAndBooleans() throws {
        XCTAssertEqual(try single("0xCAFE").kind, .hexNumber)
        XCTAssertEqual(try single("0xCAFE").value, "CAFE")
        XCTAssertEqual(try single("0x").value, "")
        let uuid = try single("123E4567-e89b-12d3-a456-426614174000")
        XCTAssertEqual(uuid.kind, .uuid)
        XCTAssertEqual(uuid.value, "123e4567-e89b-12d3-a456-426614174000")
        XCTAssertEqual(try single("deadbeef-0000-1000-8000-00805f9b34fb").kind, .uuid)
        XCTAssertEqual(try single("TRUE").kind, .boolean)
        XCTAssertEqual(try single("False").value, "false")
        XCTAssertEqual(try single("trueish").kind, .identifier)
    }

    func testDurations() throws {
        let durations = [
            "1h30m", "2us", "5µs", "1mo", "3ms", "7ns", "1y2mo3w4d5h6m7s8ms9us10ns", "-1d", "12H",
            "P1D", "PT2H30M", "P1Y2M3DT4H5M6S", "P2W", "-P3M", "P0001-02-03T04:05:06", "PT10S",
        ]
        for text in durations {
            let token = try single(text)
            XCTAssertEqual(token.kind, .duration, text)
            XCTAssertEqual(token.value, text, text)
        }
        XCTAssertEqual(try kinds("1h2x"), [.duration, .integer, .identifier])
        XCTAssertEqual(try single("P1Dx").kind, .identifier)
        XCTAssertEqual(try single("p1d").kind, .identifier)
        XCTAssertEqual(try single("Plan").kind, .identifier)
    }

    func testPunctuationAndMarkers() throws {
        let tokens = try Lexer.tokenize("(a,b)<=?>=:name!=[{}];.*+-/%<>=")
        XCTAssertEqual(tokens.map(\.value), ["(", "a", ",", "b", ")", "<=", "?", ">=", ":", "name", "!=", "[", "{", "}", "]", ";", ".", "*", "+", "-", "/", "%", "<", ">=", ""])
    }

    func testCommentsAreSkipped() throws {
        let text = """
            SELECT -- a comment
            a // another
            /* multi
               line */ FROM t -- at end of input
            """
        XCTAssertEqual(try Lexer.tokenize(text).map(\.value), ["select", "a", "from", "t", ""])
    }

    func testPositionsCountLinesFromOneAndColumnsFromZero() throws {
        let tokens = try Lexer.tokenize("SELECT a\n  FROM t")
        XCTAssertEqual(tokens.map(\.line), [1, 1, 2, 2, 2])
        XCTAssertEqual(tokens.map(\.column), [0, 7, 2, 7, 8])
    }

    func testErrorsCarryPositions() {
        func assertError(_ text: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try Lexer.tokenize(text), file: file, line: line) { error in
                XCTAssertEqual((error as? ParseError)?.message, message, file: file, line: line)
            }
        }
        assertError("SELECT @ FROM t", "line 1:7 no viable alternative at character '@'")
        assertError("SELECT 'abc", "line 1:11 mismatched character '<EOF>' expecting '''")
        assertError("SELECT \"abc", "line 1:11 mismatched character '<EOF>' expecting '\"'")
        assertError("a\n  /* open", "line 2:2 unterminated comment starting at '/*'")
        assertError("$$abc$", "line 1:6 mismatched character '<EOF>' expecting '$'")
        assertError("a ! b", "line 1:2 no viable alternative at character '!'")
        assertError("SELECT é", "line 1:7 no viable alternative at character 'é'")
    }
}
