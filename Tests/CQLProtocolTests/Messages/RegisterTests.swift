import XCTest
@testable import CQLProtocol

final class RegisterTests: XCTestCase {
    /// REGISTER (native_protocol_v4.spec §4.1.8): a [string list] of event types.
    private let golden: [UInt8] = [0x00, 0x02]        // [short] 2 strings
        + [0x00, 0x0F] + ascii("TOPOLOGY_CHANGE")   // [string] 15 bytes
        + [0x00, 0x0D] + ascii("SCHEMA_CHANGE")     // [string] 13 bytes

    func testGoldenBothDirections() {
        assertGolden(golden, .register(.init(eventTypes: [.topologyChange, .schemaChange])))
    }

    func testRoundTripAllTypes() {
        assertRoundTrip(.register(.init(eventTypes: ResponseMessage.Event.EventType.allCases)))
        assertRoundTrip(.register(.init(eventTypes: [])))
    }

    func testTruncationAndTrailingBytes() {
        assertStrictPrefixesAndTrailingByteThrow(golden, opcode: .register)
    }

    func testUnknownEventTypeThrows() {
        assertDecodeThrows([0x00, 0x01, 0x00, 0x03] + ascii("FOO"), opcode: .register, .invalidValue)
    }

    func testHugeCountThrows() {
        assertDecodeThrows([0xFF, 0xFF], opcode: .register, .truncated)
    }
}
