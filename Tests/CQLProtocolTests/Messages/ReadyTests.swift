import XCTest
@testable import CQLProtocol

final class ReadyTests: XCTestCase {
    /// READY has an empty body (native_protocol_v4.spec §4.2.2).
    func testGoldenBothDirections() {
        assertGolden([], .ready)
    }

    func testTrailingBytesThrow() {
        assertStrictPrefixesAndTrailingByteThrow([], opcode: .ready)
    }
}
