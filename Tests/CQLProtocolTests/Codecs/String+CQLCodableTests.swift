import XCTest
@testable import CQLProtocol

final class StringCQLCodableTests: XCTestCase {
    func testTextAndAscii() throws {
        XCTAssertEqual(try cqlBytes("héllo", as: .text), hex("68c3a96c6c6f"))
        XCTAssertEqual(try cqlBytes("hi", as: .ascii), hex("6869"))
        XCTAssertEqual(try String(cqlBytes: hex("f09f9880")[...], type: .text), "😀")
        XCTAssertEqual(try String(cqlBytes: hex("6869")[...], type: .ascii), "hi")
        XCTAssertEqual(try String(cqlBytes: [][...], type: .text), "")
        XCTAssertEqual(try cqlRoundTrip(String(repeating: "ü", count: 10_000), as: .text).count, 10_000)
    }

    func testInvalidBytesAndMismatches() {
        XCTAssertThrowsCQL(.invalidValue, try String(cqlBytes: hex("c328")[...], type: .text))
        XCTAssertThrowsCQL(.invalidValue, try String(cqlBytes: hex("ed a0 80")[...], type: .text))  // UTF-16 surrogate
        XCTAssertThrowsCQL(.invalidValue, try String(cqlBytes: hex("e9")[...], type: .ascii))
        XCTAssertThrowsCQL(.invalidValue, try cqlBytes("é", as: .ascii))
        XCTAssertThrowsCQL(.typeMismatch, try String(cqlBytes: hex("00000001")[...], type: .int))
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes("x", as: .blob))
        XCTAssertThrowsCQL(.unexpectedNull, try String(cqlBytes: nil, type: .text))
    }
}
