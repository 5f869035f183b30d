import XCTest
@testable import CassandraDriver

final class SessionConfigurationTests: XCTestCase {
    private func parse(_ text: String) throws -> String {
        let (host, port) = try Session.Configuration.parse(contactPoint: text, defaultPort: 9042)
        return "\(host)|\(port)"
    }

    func testContactPoints() throws {
        XCTAssertEqual(try parse("10.0.0.1"), "10.0.0.1|9042")
        XCTAssertEqual(try parse(" db.example.com:9043 "), "db.example.com|9043")
        XCTAssertEqual(try parse("::1"), "::1|9042")
        XCTAssertEqual(try parse("[::1]:9044"), "::1|9044")
        XCTAssertEqual(try parse("[fe80::1]"), "fe80::1|9042")
        for bad in ["", ":9042", "host:0", "host:70000", "host:x", "[::1", "[::1]x"] {
            XCTAssertThrowsError(try parse(bad), bad) { XCTAssertEqual(($0 as? CassandraError)?.code, .invalidArgument) }
        }
    }

    func testPlainTokenIsNulSeparated() {
        let credentials = Session.Configuration.Credentials(username: "u", password: "p")
        XCTAssertEqual(credentials.plainToken, [0, 0x75, 0, 0x70])
    }

    func testIdentifierQuoting() {
        XCTAssertEqual(Session.quoteIdentifier("shop"), "shop")
        XCTAssertEqual(Session.quoteIdentifier("Shop"), "\"Shop\"")
        XCTAssertEqual(Session.quoteIdentifier("a\"b"), "\"a\"\"b\"")
        XCTAssertEqual(Session.quoteIdentifier("\"Q\""), "\"Q\"")
    }
}
