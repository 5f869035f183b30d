import XCTest
@testable import CQLProtocol

final class ResultMetadataTests: XCTestCase {
    typealias Column = ResultMetadata.ColumnSpec

    private func decode(_ bytes: [UInt8]) throws(CQLProtocolError) -> ResultMetadata {
        var buffer = CQLBuffer(bytes: bytes)
        let metadata = try ResultMetadata.decode(from: &buffer)
        try buffer.requireFullyConsumed("metadata")
        return metadata
    }

    private func encode(_ metadata: ResultMetadata) -> [UInt8] {
        var buffer = CQLBuffer()
        metadata.encode(into: &buffer)
        return buffer.bytes
    }

    func testFlagsFollowFields() {
        let column = Column(keyspace: "ks", table: "t", name: "c", type: .int)
        XCTAssertEqual(ResultMetadata(columns: [column]).flags, .globalTablesSpec)
        XCTAssertEqual(ResultMetadata(columns: [column], globalTableSpec: nil).flags, [])
        XCTAssertEqual(ResultMetadata(columns: [], pagingState: [1]).flags, .hasMorePages)
        XCTAssertEqual(ResultMetadata.empty.flags, .noMetadata)
        XCTAssertEqual(ResultMetadata(noMetadataColumnCount: 2, pagingState: []).flags, [.noMetadata, .hasMorePages])
    }

    /// native_protocol_v4.spec §4.2.5.2: with No_metadata, no <global_table_spec> follows even
    /// if Global_tables_spec is set, so the bit is ignored.
    func testNoMetadataWinsOverGlobalTablesSpec() throws {
        let bytes: [UInt8] = [0x00, 0x00, 0x00, 0x05,  // <flags> Global_tables_spec | No_metadata
                              0x00, 0x00, 0x00, 0x01]  // <columns_count> 1
        let metadata = try decode(bytes)
        XCTAssertNil(metadata.columns)
        XCTAssertNil(metadata.globalTableSpec)
        XCTAssertEqual(metadata.columnCount, 1)
        XCTAssertEqual(encode(metadata), [0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01])
    }

    func testGlobalSpecWithZeroColumnsRoundTrips() throws {
        let bytes: [UInt8] = [0x00, 0x00, 0x00, 0x01,               // <flags> Global_tables_spec
                              0x00, 0x00, 0x00, 0x00,               // 0 columns
                              0x00, 0x01, 0x6B, 0x00, 0x01, 0x74]   // "k", "t"
        let metadata = try decode(bytes)
        XCTAssertEqual(metadata.globalTableSpec, .init(keyspace: "k", table: "t"))
        XCTAssertEqual(encode(metadata), bytes)
    }
}
