import XCTest
@testable import CQLProtocol

final class AuthResponseTests: XCTestCase {
    /// AUTH_RESPONSE (native_protocol_v4.spec §4.1.2): one [bytes] token, here the PLAIN SASL
    /// token "\0user\0pw" (8 bytes).
    private let golden: [UInt8] = [0x00, 0x00, 0x00, 0x08]  // [int] length 8
        + [0x00] + ascii("user") + [0x00] + ascii("pw")     // token bytes

    func testGoldenBothDirections() {
        assertGolden(golden, .authResponse(.init(token: [0] + ascii("user") + [0] + ascii("pw"))))
    }

    func testNullAndEmptyTokens() {
        assertGolden([0xFF, 0xFF, 0xFF, 0xFF], .authResponse(.init(token: nil)))  // [int] -1: null
        assertGolden([0x00, 0x00, 0x00, 0x00], .authResponse(.init(token: [])))   // [int] 0: empty
    }

    func testTruncationAndTrailingBytes() {
        assertStrictPrefixesAndTrailingByteThrow(golden, opcode: .authResponse)
    }
}
