import XCTest
@testable import CQLProtocol

final class ExecuteTests: XCTestCase {
    /// EXECUTE (native_protocol_v4.spec §4.1.6): <id><query_parameters>.
    private let golden: [UInt8] = [
        0x00, 0x04, 0xDE, 0xAD, 0xBE, 0xEF,  // <id> [short bytes] 4 bytes
        0x00, 0x0A,                          // <consistency> LOCAL_ONE
        0x0B,                                // <flags> values | skip metadata | paging state
        0x00, 0x01,                          // <n> 1 value
        0x00, 0x00, 0x00, 0x01, 0x01,        // [value] 1 byte
        0x00, 0x00, 0x00, 0x03, 0x01, 0x02, 0x03,  // <paging_state> [bytes] 3 bytes
    ]

    func testGoldenBothDirections() {
        assertGolden(golden, .execute(.init(id: [0xDE, 0xAD, 0xBE, 0xEF],
                                            parameters: .init(consistency: .localOne, values: .positional([.bytes([1])]),
                                                              skipMetadata: true, pagingState: [1, 2, 3]))))
    }

    func testRoundTrip() {
        assertRoundTrip(.execute(.init(id: Array(repeating: 0x5A, count: 16), parameters: .init(consistency: .all))))
        assertRoundTrip(.execute(.init(id: [], parameters: .init(consistency: .one, pageSize: -1))))
    }

    func testTruncationAndTrailingBytes() {
        assertStrictPrefixesAndTrailingByteThrow(golden, opcode: .execute)
    }
}
