import XCTest
@testable import CQLProtocol

final class PreparedTests: XCTestCase {
    typealias Prepared = ResponseMessage.Result.Prepared
    typealias Column = ResultMetadata.ColumnSpec

    /// A Prepared result (native_protocol_v4.spec §4.2.5.4): id, bind-marker metadata with one
    /// partition key index and a global table spec, and empty result metadata (No_metadata).
    /// v4 has no result metadata id.
    private let golden: [UInt8] = [0x00, 0x00, 0x00, 0x04]        // [int] kind 4: Prepared
        + [0x00, 0x02, 0x12, 0x34]                                // <id> [short bytes]
        + [0x00, 0x00, 0x00, 0x01]                                // <flags> Global_tables_spec
        + [0x00, 0x00, 0x00, 0x02]                                // <columns_count> 2 markers
        + [0x00, 0x00, 0x00, 0x01]                                // <pk_count> 1
        + [0x00, 0x00]                                            // <pk_index_1> marker 0
        + [0x00, 0x02] + ascii("ks") + [0x00, 0x05] + ascii("users")  // <global_table_spec>
        + [0x00, 0x02] + ascii("id") + [0x00, 0x09]               // marker 0: id int
        + [0x00, 0x04] + ascii("name") + [0x00, 0x0D]             // marker 1: name varchar
        + [0x00, 0x00, 0x00, 0x04]                                // <result_metadata> flags No_metadata
        + [0x00, 0x00, 0x00, 0x00]                                //                   0 columns

    private let markers = [Column(keyspace: "ks", table: "users", name: "id", type: .int),
                           Column(keyspace: "ks", table: "users", name: "name", type: .text)]

    func testGoldenBothDirections() {
        let prepared = Prepared(id: [0x12, 0x34], metadata: PreparedMetadata(columns: markers, partitionKeyIndexes: [0]),
                                resultMetadata: .empty)
        assertGolden(golden, .result(.prepared(prepared)))
    }

    func testTruncationAndTrailingBytes() {
        assertStrictPrefixesAndTrailingByteThrow(golden, opcode: .result)
    }

    func testRoundTrip() {
        let mixed = [Column(keyspace: "a", table: "t", name: "x", type: .uuid), Column(keyspace: "b", table: "t", name: "y", type: .set(.inet))]
        let metadata = PreparedMetadata(columns: mixed, partitionKeyIndexes: [1, 0])
        XCTAssertNil(metadata.globalTableSpec)
        let result = ResultMetadata(columns: [Column(keyspace: "ks", table: "users", name: "name", type: .text)])
        assertRoundTrip(.result(.prepared(Prepared(id: Array(0..<16), metadata: metadata, resultMetadata: result))))
        assertRoundTrip(.result(.prepared(Prepared(id: [], metadata: PreparedMetadata(columns: [], partitionKeyIndexes: []),
                                                   resultMetadata: .empty))))
    }

    func testGarbageThrows() {
        let head: [UInt8] = [0, 0, 0, 4, 0, 1, 0xAA]  // kind Prepared, 1-byte id
        assertDecodeThrows(head + [0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0], opcode: .result, .invalidValue)          // flag 0x02
        assertDecodeThrows(head + [0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF], opcode: .result, .invalidValue)  // pk_count -1
        assertDecodeThrows(head + [0, 0, 0, 0, 0, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFF], opcode: .result, .truncated)  // pk_count huge
        assertDecodeThrows(head + [0, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0], opcode: .result, .truncated)  // markers huge
    }
}
