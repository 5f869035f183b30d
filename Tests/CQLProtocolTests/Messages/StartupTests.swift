import XCTest
@testable import CQLProtocol

final class StartupTests: XCTestCase {
    /// STARTUP body (native_protocol_v4.spec §4.1.1): a [string map] with CQL_VERSION and
    /// COMPRESSION, keys in sorted order ("COMPRESSION" < "CQL_VERSION").
    private let golden: [UInt8] = [0x00, 0x02]   // [short] 2 pairs
        + [0x00, 0x0B] + ascii("COMPRESSION")    // [string] key, 11 bytes
        + [0x00, 0x03] + ascii("lz4")            // [string] value, 3 bytes
        + [0x00, 0x0B] + ascii("CQL_VERSION")    // [string] key, 11 bytes
        + [0x00, 0x05] + ascii("3.0.0")          // [string] value, 5 bytes

    func testGoldenBothDirections() {
        assertGolden(golden, .startup(.init(cqlVersion: "3.0.0", compression: "lz4")))
    }

    func testAccessors() {
        let startup = RequestMessage.Startup(cqlVersion: "3.0.0")
        XCTAssertEqual(startup.cqlVersion, "3.0.0")
        XCTAssertNil(startup.compression)
        XCTAssertEqual(startup.options, ["CQL_VERSION": "3.0.0"])
    }

    func testRoundTripWithExtraOptions() {
        assertRoundTrip(.startup(.init(options: ["CQL_VERSION": "3.0.0", "DRIVER_NAME": "CassandraORM", "THROW_ON_OVERLOAD": "1"])))
        assertRoundTrip(.startup(.init(options: [:])))
    }

    func testTruncationAndTrailingBytes() {
        assertStrictPrefixesAndTrailingByteThrow(golden, opcode: .startup)
    }

    func testInvalidUTF8Throws() {
        assertDecodeThrows([0x00, 0x01, 0x00, 0x01, 0xFF, 0x00, 0x00], opcode: .startup, .invalidValue)
    }
}
