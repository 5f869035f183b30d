import XCTest
@testable import CQLProtocol

final class CQLInetAddressCQLCodableTests: XCTestCase {
    func testIPv4AndIPv6() throws {
        XCTAssertEqual(try cqlBytes(CQLInetAddress("10.0.0.1")!, as: .inet), hex("0a000001"))
        XCTAssertEqual(try cqlBytes(CQLInetAddress("::1")!, as: .inet), hex("00000000000000000000000000000001"))
        XCTAssertEqual(try CQLInetAddress(cqlBytes: hex("20010db8000000000000000000000001")[...], type: .inet).description, "2001:db8::1")
    }

    func testErrors() {
        XCTAssertThrowsCQL(.invalidValue, try CQLInetAddress(cqlBytes: hex("0a0000")[...], type: .inet))
        XCTAssertThrowsCQL(.invalidValue, try CQLInetAddress(cqlBytes: [UInt8](repeating: 0, count: 8)[...], type: .inet))
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes(CQLInetAddress("10.0.0.1")!, as: .text))
        XCTAssertThrowsCQL(.unexpectedNull, try CQLInetAddress(cqlBytes: nil, type: .inet))
    }
}
