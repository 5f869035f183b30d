import XCTest
@testable import CQLProtocol

final class BatchTests: XCTestCase {
    typealias Batch = RequestMessage.Batch

    /// BATCH (native_protocol_v4.spec §4.1.7): an unlogged batch of a query string and a
    /// prepared id, with serial consistency and a default timestamp.
    private let golden: [UInt8] = [0x01]                          // <type> 1: unlogged
        + [0x00, 0x02]                                          // <n> 2 queries
        + [0x00]                                                // <kind> 0: query string
        + [0x00, 0x00, 0x00, 0x1C] + ascii("INSERT INTO t (k) VALUES (?)")  // [long string] 28 bytes
        + [0x00, 0x01]                                          // <n> 1 value
        + [0x00, 0x00, 0x00, 0x01, 0x05]                        // [value] 1 byte
        + [0x01]                                                // <kind> 1: prepared id
        + [0x00, 0x02, 0xAB, 0xCD]                              // [short bytes] id
        + [0x00, 0x00]                                          // <n> 0 values
        + [0x00, 0x04]                                          // <consistency> QUORUM
        + [0x30]                                                // <flags> serial consistency | timestamp
        + [0x00, 0x09]                                          // <serial_consistency> LOCAL_SERIAL
        + [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7B]      // <timestamp> 123

    private let goldenValue = Batch(
        type: .unlogged,
        statements: [
            .init(.query("INSERT INTO t (k) VALUES (?)"), values: .positional([.bytes([5])])),
            .init(.prepared(id: [0xAB, 0xCD])),
        ],
        consistency: .quorum, serialConsistency: .localSerial, defaultTimestamp: 123)

    /// A logged batch with names for values (flag 0x40).
    private let namedGolden: [UInt8] = [0x00]                // <type> 0: logged
        + [0x00, 0x01]                                     // <n> 1 query
        + [0x00]                                           // <kind> 0
        + [0x00, 0x00, 0x00, 0x08] + ascii("UPDATE c")     // [long string] 8 bytes
        + [0x00, 0x01]                                     // <n> 1 value
        + [0x00, 0x01] + ascii("x")                        // <name_1> [string]
        + [0x00, 0x00, 0x00, 0x00]                         // <value_1> empty
        + [0x00, 0x01]                                     // <consistency> ONE
        + [0x40]                                           // <flags> names for values

    func testGoldenBothDirections() {
        assertGolden(golden, .batch(goldenValue))
    }

    func testNamedValuesGoldenBothDirections() {
        let value = Batch(type: .logged, statements: [.init(.query("UPDATE c"), values: .named([.init(name: "x", value: .bytes([]))]))],
                          consistency: .one)
        assertGolden(namedGolden, .batch(value))
    }

    func testRoundTrip() {
        for type in Batch.BatchType.allCases {
            assertRoundTrip(.batch(Batch(type: type, statements: [], consistency: .any)))
        }
        assertRoundTrip(.batch(Batch(type: .counter, statements: [
            .init(.prepared(id: [1]), values: .named([.init(name: "a", value: .null)])),
            .init(.query("UPDATE c SET n = n + 1"), values: .named([])),
        ], consistency: .localQuorum, defaultTimestamp: 9)))
    }

    func testEmptyPositionalValuesInANamedBatchComeBackNamed() throws {
        // Flag 0x40 is batch-wide, so a statement without values in a named batch is written as
        // zero named values and reads back as `.named([])`.
        let batch = Batch(type: .logged, statements: [
            .init(.prepared(id: [1]), values: .named([.init(name: "a", value: .null)])),
            .init(.query("DELETE FROM t WHERE k = 1")),
        ], consistency: .one)
        guard case .batch(let decoded) = try decodeRequest(.batch, encoded(.batch(batch))) else { return XCTFail("not a batch") }
        XCTAssertEqual(decoded.statements[1].values, .named([]))
        XCTAssertEqual(decoded.statements[0], batch.statements[0])
    }

    func testTruncationAndTrailingBytes() {
        assertStrictPrefixesAndTrailingByteThrow(golden, opcode: .batch, code: nil)
        assertStrictPrefixesAndTrailingByteThrow(namedGolden, opcode: .batch, code: nil)
    }

    func testGarbageThrows() {
        assertDecodeThrows([0x03, 0x00, 0x00, 0x00, 0x01, 0x00], opcode: .batch, .invalidValue)  // <type> 3
        assertDecodeThrows([0x00, 0x00, 0x01, 0x02], opcode: .batch, .invalidValue)              // <kind> 2
        assertDecodeThrows([0x00, 0x00, 0x00, 0x00, 0x01, 0x01], opcode: .batch, .invalidValue)  // low flag bit 0x01
        assertDecodeThrows([0x00, 0xFF, 0xFF], opcode: .batch, .truncated)                       // 65535 queries announced
    }
}
