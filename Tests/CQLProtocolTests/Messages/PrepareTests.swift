import XCTest
@testable import CQLProtocol

final class PrepareTests: XCTestCase {
    /// PREPARE (native_protocol_v4.spec §4.1.5): the query as a [long string].
    private let golden: [UInt8] = [0x00, 0x00, 0x00, 0x0F] + ascii("SELECT * FROM t")  // [int] 15, then text

    func testGoldenBothDirections() {
        assertGolden(golden, .prepare(.init(query: "SELECT * FROM t")))
    }

    func testRoundTripNonASCII() {
        assertRoundTrip(.prepare(.init(query: "SELECT * FROM t WHERE name = 'Zoë 🚀'")))
    }

    func testTruncationAndTrailingBytes() {
        assertStrictPrefixesAndTrailingByteThrow(golden, opcode: .prepare)
    }

    func testNegativeLengthThrows() {
        assertDecodeThrows([0xFF, 0xFF, 0xFF, 0xFF], opcode: .prepare, .invalidValue)
    }

    func testHugeLengthThrowsWithoutAllocating() {
        assertDecodeThrows([0x7F, 0xFF, 0xFF, 0xFF, 0x41], opcode: .prepare, .truncated)
    }
}
