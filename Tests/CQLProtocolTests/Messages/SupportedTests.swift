import XCTest
@testable import CQLProtocol

final class SupportedTests: XCTestCase {
    /// SUPPORTED (native_protocol_v4.spec §4.2.4): a [string multimap], keys sorted.
    private let golden: [UInt8] = [0x00, 0x02]                // [short] 2 keys
        + [0x00, 0x0B] + ascii("COMPRESSION")               // key
        + [0x00, 0x02]                                      // [string list] 2 values
        + [0x00, 0x03] + ascii("lz4") + [0x00, 0x06] + ascii("snappy")
        + [0x00, 0x0B] + ascii("CQL_VERSION")               // key
        + [0x00, 0x01] + [0x00, 0x05] + ascii("3.4.5")      // [string list] 1 value

    func testGoldenBothDirections() {
        assertGolden(golden, .supported(.init(options: ["COMPRESSION": ["lz4", "snappy"], "CQL_VERSION": ["3.4.5"]])))
    }

    func testRoundTrip() {
        assertRoundTrip(.supported(.init(options: [:])))
        assertRoundTrip(.supported(.init(options: ["PROTOCOL_VERSIONS": ["3/v3", "4/v4", "5/v5-beta"], "EMPTY": []])))
    }

    func testTruncationAndTrailingBytes() {
        assertStrictPrefixesAndTrailingByteThrow(golden, opcode: .supported)
    }
}
