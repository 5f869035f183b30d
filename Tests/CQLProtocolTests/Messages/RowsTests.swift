import XCTest
@testable import CQLProtocol

final class RowsTests: XCTestCase {
    typealias Rows = ResponseMessage.Result.Rows
    typealias Column = ResultMetadata.ColumnSpec

    /// A Rows result (native_protocol_v4.spec §4.2.5.2) with a global table spec, a paging
    /// state, two columns and two rows, one cell NULL.
    private let golden: [UInt8] = [0x00, 0x00, 0x00, 0x02]        // [int] kind 2: Rows
        + [0x00, 0x00, 0x00, 0x03]                                // <flags> Global_tables_spec | Has_more_pages
        + [0x00, 0x00, 0x00, 0x02]                                // <columns_count> 2
        + [0x00, 0x00, 0x00, 0x02, 0x01, 0x02]                    // <paging_state> [bytes] 2 bytes
        + [0x00, 0x02] + ascii("ks") + [0x00, 0x05] + ascii("users")  // <global_table_spec>
        + [0x00, 0x02] + ascii("id") + [0x00, 0x09]               // col 1: "id" int
        + [0x00, 0x04] + ascii("name") + [0x00, 0x0D]             // col 2: "name" varchar
        + [0x00, 0x00, 0x00, 0x02]                                // <rows_count> 2
        + [0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01]        // row 1: id = 1
        + [0x00, 0x00, 0x00, 0x03] + ascii("bob")                 //        name = "bob"
        + [0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x02]        // row 2: id = 2
        + [0xFF, 0xFF, 0xFF, 0xFF]                                //        name = NULL

    private let usersMetadata = ResultMetadata(
        columns: [Column(keyspace: "ks", table: "users", name: "id", type: .int),
                  Column(keyspace: "ks", table: "users", name: "name", type: .text)],
        pagingState: [1, 2])

    private var goldenRows: Rows {
        Rows(metadata: usersMetadata, rows: [[[0, 0, 0, 1], ascii("bob")], [[0, 0, 0, 2], nil]])
    }

    func testGoldenBothDirections() {
        assertGolden(golden, .result(.rows(goldenRows)))
    }

    func testCellAccess() throws {
        guard case .result(.rows(let rows)) = try decodeResponse(.result, golden) else { return XCTFail("not rows") }
        XCTAssertEqual(rows.rowCount, 2)
        XCTAssertEqual(rows.columnCount, 2)
        XCTAssertEqual(rows[row: 0, column: 1].map(Array.init), ascii("bob"))
        XCTAssertNil(rows[row: 1, column: 1])
        XCTAssertEqual(rows.value(row: 1, column: 0), [0, 0, 0, 2])
        XCTAssertEqual(rows.values, [[0, 0, 0, 1], ascii("bob"), [0, 0, 0, 2], nil])
        XCTAssertEqual(rows.metadata.pagingState, [1, 2])
        XCTAssertEqual(rows.metadata.columns?.map(\.table), ["users", "users"])
    }

    func testPerColumnTableSpecsAndNestedType() {
        let bytes: [UInt8] = [0x00, 0x00, 0x00, 0x02]              // kind Rows
            + [0x00, 0x00, 0x00, 0x00]                             // <flags> none
            + [0x00, 0x00, 0x00, 0x01]                             // 1 column
            + [0x00, 0x02] + ascii("ks") + [0x00, 0x01] + ascii("t")  // <ksname><tablename>
            + [0x00, 0x01] + ascii("m")                            // <name>
            + [0x00, 0x21, 0x00, 0x0D, 0x00, 0x20, 0x00, 0x09]      // map<varchar, list<int>>
            + [0x00, 0x00, 0x00, 0x00]                             // 0 rows
        let metadata = ResultMetadata(columns: [Column(keyspace: "ks", table: "t", name: "m", type: .map(.text, .list(.int)))],
                                      globalTableSpec: nil)
        assertGolden(bytes, .result(.rows(Rows(metadata: metadata, rows: []))))
        assertStrictPrefixesAndTrailingByteThrow(bytes, opcode: .result)
    }

    func testNoMetadata() {
        let bytes: [UInt8] = [0x00, 0x00, 0x00, 0x02]              // kind Rows
            + [0x00, 0x00, 0x00, 0x04]                             // <flags> No_metadata
            + [0x00, 0x00, 0x00, 0x03]                             // 3 columns, no specs
            + [0x00, 0x00, 0x00, 0x01]                             // 1 row
            + [0x00, 0x00, 0x00, 0x00]                             // empty (not NULL)
            + [0xFF, 0xFF, 0xFF, 0xFF]                             // NULL
            + [0x00, 0x00, 0x00, 0x01, 0x2A]                       // 1 byte
        let rows = Rows(metadata: ResultMetadata(noMetadataColumnCount: 3), rowCount: 1, values: [[], nil, [0x2A]])
        assertGolden(bytes, .result(.rows(rows)))
        assertStrictPrefixesAndTrailingByteThrow(bytes, opcode: .result)
    }

    func testAnyNegativeLengthIsNullAndReencodesAsRead() throws {
        let bytes: [UInt8] = [0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01,
                              0x00, 0x00, 0x00, 0x01, 0xFF, 0xFF, 0xFF, 0xFB]  // one cell, length -5
        let decoded = try decodeResponse(.result, bytes)
        let expected = Rows(metadata: ResultMetadata(noMetadataColumnCount: 1), rowCount: 1, values: [nil])
        XCTAssertEqual(decoded, .result(.rows(expected)))
        XCTAssertEqual(decoded.hashValue, ResponseMessage.result(.rows(expected)).hashValue)
        XCTAssertEqual(encoded(decoded), bytes)
    }

    func testTruncationAndTrailingBytes() {
        assertStrictPrefixesAndTrailingByteThrow(golden, opcode: .result)
    }

    func testRoundTrip() {
        assertRoundTrip(.result(.rows(goldenRows)))
        assertRoundTrip(.result(.rows(Rows(metadata: .empty, rows: []))))
        let wide = ResultMetadata(columns: (0..<40).map { Column(keyspace: "k\($0 % 3)", table: "t", name: "c\($0)", type: .blob) })
        XCTAssertNil(wide.globalTableSpec)
        let values: [[UInt8]?] = (0..<400).map { $0 % 7 == 0 ? nil : Array(repeating: UInt8($0 % 256), count: $0 % 13) }
        assertRoundTrip(.result(.rows(Rows(metadata: wide, rowCount: 10, values: values))))
    }

    func testZeroColumnsWithManyRowsDecodesWithoutCells() throws {
        let bytes: [UInt8] = [0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFF]
        guard case .result(.rows(let rows)) = try decodeResponse(.result, bytes) else { return XCTFail("not rows") }
        XCTAssertEqual(rows.rowCount, Int(Int32.max))
        XCTAssertEqual(rows.values.count, 0)
    }

    func testHugeOrNegativeCountsThrow() {
        // No_metadata, 2 columns, 0x7FFFFFFF rows announced and no cells: rejected before reserving.
        assertDecodeThrows([0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 2, 0x7F, 0xFF, 0xFF, 0xFF], opcode: .result, .truncated)
        // Negative row count.
        assertDecodeThrows([0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 2, 0xFF, 0xFF, 0xFF, 0xFF], opcode: .result, .invalidValue)
        // Negative column count.
        assertDecodeThrows([0, 0, 0, 2, 0, 0, 0, 4, 0x80, 0, 0, 0, 0, 0, 0, 0], opcode: .result, .invalidValue)
        // Huge column count with specs: truncated, not an allocation.
        assertDecodeThrows([0, 0, 0, 2, 0, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFF, 0, 0], opcode: .result, .truncated)
        // Undefined metadata flag 0x0008 (v5's Metadata_changed).
        assertDecodeThrows([0, 0, 0, 2, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0], opcode: .result, .invalidValue)
        // Has_more_pages with a null paging state.
        assertDecodeThrows([0, 0, 0, 2, 0, 0, 0, 6, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0], opcode: .result, .invalidValue)
        // Unknown type option 0x0099.
        assertDecodeThrows([0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0x6B, 0, 1, 0x74, 0, 1, 0x63, 0x00, 0x99, 0, 0, 0, 0],
                           opcode: .result, .invalidType)
    }
}
