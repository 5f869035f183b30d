import XCTest
@testable import CQLProtocol

final class QueryTests: XCTestCase {
    /// QUERY (native_protocol_v4.spec §4.1.4): <query><query_parameters>.
    private let golden: [UInt8] = [0x00, 0x00, 0x00, 0x0F] + ascii("SELECT * FROM t")  // [long string] 15 bytes
        + [0x00, 0x01]               // <consistency> ONE
        + [0x05]                     // <flags> values | page size
        + [0x00, 0x01]               // <n> 1 value
        + [0x00, 0x00, 0x00, 0x00]   // [value] empty (length 0)
        + [0x00, 0x00, 0x13, 0x88]   // <result_page_size> 5000

    func testGoldenBothDirections() {
        assertGolden(golden, .query(.init(query: "SELECT * FROM t",
                                          parameters: .init(consistency: .one, values: .positional([.bytes([])]), pageSize: 5000))))
    }

    func testRoundTrip() {
        assertRoundTrip(.query(.init(query: "INSERT INTO t (k, v) VALUES (:k, :v) IF NOT EXISTS",
                                     parameters: .init(consistency: .quorum,
                                                       values: .named([.init(name: "k", value: .bytes([1])), .init(name: "v", value: .null)]),
                                                       serialConsistency: .localSerial, defaultTimestamp: 42))))
    }

    func testTruncationAndTrailingBytes() {
        assertStrictPrefixesAndTrailingByteThrow(golden, opcode: .query)
    }
}
