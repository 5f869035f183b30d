import XCTest
@testable import CQLServer

/// `Term.cqlText` and `Literal.cqlText` (`Term+CQLText.swift`): terms printed back as CQL.
final class TermCQLTextTests: XCTestCase {
    func testConstantsPrintAsCassandraWritesThem() throws {
        XCTAssertEqual(try ParserTestSupport.term("'it''s'").cqlText, "'it''s'")
        XCTAssertEqual(try ParserTestSupport.term("-12").cqlText, "-12")
        XCTAssertEqual(try ParserTestSupport.term("1.5e3").cqlText, "1.5e3")
        XCTAssertEqual(try ParserTestSupport.term("true").cqlText, "true")
        XCTAssertEqual(try ParserTestSupport.term("0xCAFE").cqlText, "0xcafe")
        XCTAssertEqual(try ParserTestSupport.term("3h30m").cqlText, "3h30m")
        XCTAssertEqual(try ParserTestSupport.term("6F1B7F4E-0000-4000-8000-000000000001").cqlText, "6f1b7f4e-0000-4000-8000-000000000001")
        XCTAssertEqual(try ParserTestSupport.term("null").cqlText, "NULL")
    }

    func testCompositeTerms() throws {
        XCTAssertEqual(try ParserTestSupport.term("[1, 2]").cqlText, "[1, 2]")
        XCTAssertEqual(try ParserTestSupport.term("{'a', 'b'}").cqlText, "{'a', 'b'}")
        XCTAssertEqual(try ParserTestSupport.term("{'a': 1}").cqlText, "{'a': 1}")
        XCTAssertEqual(try ParserTestSupport.term("(1, 'x')").cqlText, "(1, 'x')")
        XCTAssertEqual(try ParserTestSupport.term("{street: 'Main', \"Zip\": 7}").cqlText, "{street: 'Main', \"Zip\": 7}")
        XCTAssertEqual(try ParserTestSupport.term("toTimestamp(now())").cqlText, "totimestamp(now())")
        XCTAssertEqual(try ParserTestSupport.term("(int) ?").cqlText, "(int)?")
        XCTAssertEqual(try ParserTestSupport.term(":k").cqlText, ":k")
    }

    func testContainsBindMarker() throws {
        XCTAssertTrue(try ParserTestSupport.term("{'a': [1, ?]}").containsBindMarker)
        XCTAssertTrue(try ParserTestSupport.term("f(1, :x)").containsBindMarker)
        XCTAssertFalse(try ParserTestSupport.term("{'a': [1, 2]}").containsBindMarker)
    }
}
