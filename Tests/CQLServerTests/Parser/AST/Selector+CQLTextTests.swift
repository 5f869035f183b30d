import XCTest
@testable import CQLServer

/// `Selector.cqlText` (`Selector+CQLText.swift`): selectors printed back for messages.
final class SelectorCQLTextTests: XCTestCase {
    func testEverySelectorShape() throws {
        let select = try XCTUnwrap(Parser.parse("""
            SELECT "Col", count(*), writetime(v), maxwritetime(v), ttl(v), ks.f(a, 1), CAST(v AS text), u.street, m['k'],
                   'lit', (int)x FROM t
            """).asSelect)
        XCTAssertEqual(select.selectors.map(\.selector.cqlText), [
            "\"Col\"", "count(*)", "writetime(v)", "maxwritetime(v)", "ttl(v)", "ks.f(a, 1)", "CAST(v AS text)", "u.street",
            "m['k']", "'lit'", "(int)x",
        ])
    }
}
