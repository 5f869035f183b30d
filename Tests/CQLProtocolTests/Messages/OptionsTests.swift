import XCTest
@testable import CQLProtocol

final class OptionsTests: XCTestCase {
    /// OPTIONS has an empty body (native_protocol_v4.spec §4.1.3).
    func testGoldenBothDirections() {
        assertGolden([], .options)
    }

    func testTrailingBytesThrow() {
        assertStrictPrefixesAndTrailingByteThrow([], opcode: .options)
    }
}
