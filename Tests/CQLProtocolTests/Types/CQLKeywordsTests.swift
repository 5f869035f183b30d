import XCTest
@testable import CQLProtocol

final class CQLKeywordsTests: XCTestCase {
    func testMaybeQuoteQuotesOnlyWhatCQLWouldMisread() {
        XCTAssertEqual(CQLKeywords.maybeQuote("address"), "address")
        XCTAssertEqual(CQLKeywords.maybeQuote("a_1"), "a_1")
        XCTAssertEqual(CQLKeywords.maybeQuote("key"), "key")
        XCTAssertEqual(CQLKeywords.maybeQuote("Address"), "\"Address\"")
        XCTAssertEqual(CQLKeywords.maybeQuote("1a"), "\"1a\"")
        XCTAssertEqual(CQLKeywords.maybeQuote("_a"), "\"_a\"")
        XCTAssertEqual(CQLKeywords.maybeQuote("select"), "\"select\"")
        XCTAssertEqual(CQLKeywords.maybeQuote("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CQLKeywords.maybeQuote(""), "\"\"")
    }

    func testReservedWords() {
        XCTAssertTrue(CQLKeywords.isReserved("select"))
        XCTAssertFalse(CQLKeywords.isReserved("key"))
        XCTAssertFalse(CQLKeywords.isReserved("text"))
    }
}
