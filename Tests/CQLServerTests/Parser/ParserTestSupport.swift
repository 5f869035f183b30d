import CQLProtocol
import XCTest
@testable import CQLServer

/// Shared assertions for the parser test files.
enum ParserTestSupport {
    /// Parses one statement of the expected kind.
    static func parse<T>(_ text: String, as extract: (Statement) -> T?, file: StaticString = #filePath, line: UInt = #line) throws -> T {
        let statement = try Parser.parse(text)
        return try XCTUnwrap(extract(statement), "parsed \(statement)", file: file, line: line)
    }

    /// Parses a term on its own, through the parser's `term()` production.
    static func term(_ text: String) throws -> Term {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        let term = try parser.term()
        XCTAssertEqual(parser.current.kind, .endOfInput, "trailing input in \(text)")
        return term
    }

    /// Parses a type on its own.
    static func type(_ text: String) throws -> CQLTypeExpression {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        let type = try parser.typeExpression()
        XCTAssertEqual(parser.current.kind, .endOfInput, "trailing input in \(text)")
        return type
    }

    /// Asserts that `text` fails with exactly `message`.
    static func assertError(_ text: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Parser.parse(text), file: file, line: line) { error in
            XCTAssertEqual((error as? ParseError)?.message, message, file: file, line: line)
        }
    }

    /// Asserts that `text` fails with a ``ParseError``.
    static func assertFails(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Parser.parse(text), file: file, line: line) { error in
            XCTAssertTrue(error is ParseError, "\(error)", file: file, line: line)
        }
    }
}

extension Statement {
    var asSelect: Select? { if case .select(let s) = self { s } else { nil } }
    var asInsert: Insert? { if case .insert(let s) = self { s } else { nil } }
    var asUpdate: Update? { if case .update(let s) = self { s } else { nil } }
    var asDelete: Delete? { if case .delete(let s) = self { s } else { nil } }
    var asBatch: Batch? { if case .batch(let s) = self { s } else { nil } }
    var asCreateTable: CreateTable? { if case .createTable(let s) = self { s } else { nil } }
    var asAlterTable: AlterTable? { if case .alterTable(let s) = self { s } else { nil } }
    var asCreateIndex: CreateIndex? { if case .createIndex(let s) = self { s } else { nil } }
    var asCreateKeyspace: CreateKeyspace? { if case .createKeyspace(let s) = self { s } else { nil } }
}

extension Term {
    static func int(_ text: String) -> Term { .literal(.integer(text)) }
    static func string(_ text: String) -> Term { .literal(.string(text)) }
    static func marker(_ index: Int, _ name: Identifier? = nil) -> Term { .bindMarker(BindMarker(index: index, name: name)) }
}
