import XCTest
@testable import CQLProtocol

final class AuthSuccessTests: XCTestCase {
    /// AUTH_SUCCESS (native_protocol_v4.spec §4.2.8): one [bytes] token; Cassandra's
    /// PasswordAuthenticator sends null.
    private let golden: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]  // [int] -1: null

    func testGoldenBothDirections() {
        assertGolden(golden, .authSuccess(.init(token: nil)))
        assertGolden([0x00, 0x00, 0x00, 0x02, 0x6F, 0x6B], .authSuccess(.init(token: ascii("ok"))))
    }

    func testTruncationAndTrailingBytes() {
        assertStrictPrefixesAndTrailingByteThrow(golden, opcode: .authSuccess)
        assertStrictPrefixesAndTrailingByteThrow([0x00, 0x00, 0x00, 0x02, 0x6F, 0x6B], opcode: .authSuccess)
    }
}
