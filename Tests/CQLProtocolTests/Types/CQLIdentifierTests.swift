import CQLProtocol
import XCTest

final class CQLIdentifierTests: XCTestCase {
    func testAcceptsLettersDigitsAndUnderscoresAfterALetterOrUnderscore() {
        for name in ["users", "Users", "_events", "a1_b2", String(repeating: "x", count: 48)] {
            XCTAssertTrue(CQLIdentifier.isValid(name), name)
        }
    }

    func testRejectsEmptyLeadingDigitsPunctuationUnicodeAndOverlongNames() {
        for name in ["", "1users", "users;", "us ers", "us\"ers", "üsers", "a-b", String(repeating: "x", count: 49)] {
            XCTAssertFalse(CQLIdentifier.isValid(name), name)
        }
    }

    func testQuotingDoublesInnerQuotes() {
        XCTAssertEqual(CQLIdentifier.quoted("Users"), "\"Users\"")
        XCTAssertEqual(CQLIdentifier.quoted("a\"b"), "\"a\"\"b\"")
        XCTAssertEqual(CQLIdentifier.quoted("\""), "\"\"\"\"")
    }
}
