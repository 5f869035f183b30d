import XCTest
@testable import CQLProtocol

final class AuthChallengeTests: XCTestCase {
    /// AUTH_CHALLENGE (native_protocol_v4.spec §4.2.7): one [bytes] token.
    private let golden: [UInt8] = [0x00, 0x00, 0x00, 0x03, 0x6E, 0x6F, 0x6E]  // [int] 3, "non"

    func testGoldenBothDirections() {
        assertGolden(golden, .authChallenge(.init(token: ascii("non"))))
        assertGolden([0xFF, 0xFF, 0xFF, 0xFF], .authChallenge(.init(token: nil)))
    }

    func testTruncationAndTrailingBytes() {
        assertStrictPrefixesAndTrailingByteThrow(golden, opcode: .authChallenge)
    }
}
