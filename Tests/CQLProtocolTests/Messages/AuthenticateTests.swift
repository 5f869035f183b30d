import XCTest
@testable import CQLProtocol

final class AuthenticateTests: XCTestCase {
    /// AUTHENTICATE (native_protocol_v4.spec §4.2.3): the authenticator class as a [string].
    private let golden: [UInt8] = [0x00, 0x2F] + ascii("org.apache.cassandra.auth.PasswordAuthenticator")  // 47 bytes

    func testGoldenBothDirections() {
        assertGolden(golden, .authenticate(.init(authenticator: "org.apache.cassandra.auth.PasswordAuthenticator")))
    }

    func testRoundTrip() {
        assertRoundTrip(.authenticate(.init(authenticator: "")))
    }

    func testTruncationAndTrailingBytes() {
        assertStrictPrefixesAndTrailingByteThrow(golden, opcode: .authenticate)
    }
}
