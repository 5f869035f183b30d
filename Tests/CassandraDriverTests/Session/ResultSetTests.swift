import CQLProtocol
import Foundation
import XCTest
@testable import CassandraDriver

final class ResultSetTests: XCTestCase {
    private let columns: [ResultMetadata.ColumnSpec] = [
        .init(keyspace: "ks", table: "t", name: "id", type: .int),
        .init(keyspace: "ks", table: "t", name: "name", type: .text),
    ]

    private func result(_ rows: [[[UInt8]?]], columns: [ResultMetadata.ColumnSpec]? = nil, pagingState: [UInt8]? = nil) -> ResultSet {
        let metadata = ResultMetadata(columns: columns ?? self.columns, pagingState: pagingState)
        let frame = Frame(header: .init(isResponse: true, stream: 0, opcode: .result), warnings: ["careful"],
                          body: CQLBuffer())
        return ResultSet(result: .rows(.init(metadata: metadata, rows: rows)), frame: frame, node: "n1")
    }

    func testTypedAccessByPositionAndName() throws {
        let set = result([[[0, 0, 0, 1], Array("Ada".utf8)], [[0, 0, 0, 2], nil]])
        XCTAssertEqual(set.count, 2)
        XCTAssertEqual(try set[0][0, as: Int32.self], 1)
        XCTAssertEqual(try set[0]["name", as: String.self], "Ada")
        XCTAssertEqual(try set[1]["name", as: String?.self], nil)
        XCTAssertEqual(set.warnings, ["careful"])
        XCTAssertFalse(set.hasMorePages)
    }

    func testNullIntoNonOptionalAndWrongTypesAreTypeMismatches() {
        let set = result([[[0, 0, 0, 2], nil]])
        XCTAssertThrowsError(try set[0]["name", as: String.self]) { XCTAssertEqual(($0 as? CassandraError)?.code, .typeMismatch) }
        XCTAssertThrowsError(try set[0]["id", as: String.self]) { XCTAssertEqual(($0 as? CassandraError)?.code, .typeMismatch) }
        XCTAssertThrowsError(try set[0]["nope", as: Int32.self]) { XCTAssertEqual(($0 as? CassandraError)?.code, .invalidArgument) }
        XCTAssertThrowsError(try set[0][5, as: Int32.self]) { XCTAssertEqual(($0 as? CassandraError)?.code, .invalidArgument) }
    }

    func testDecodableRows() throws {
        struct User: Decodable, Equatable {
            var id: Int32
            var name: String?
        }
        let set = result([[[0, 0, 0, 1], Array("Ada".utf8)], [[0, 0, 0, 2], nil]])
        XCTAssertEqual(try set.decode(as: User.self), [User(id: 1, name: "Ada"), User(id: 2, name: nil)])
    }

    func testWasAppliedReadsTheAppliedColumn() {
        let lwt: [ResultMetadata.ColumnSpec] = [.init(keyspace: "ks", table: "t", name: "[applied]", type: .boolean)]
        XCTAssertFalse(result([[[0]]], columns: lwt).wasApplied)
        XCTAssertTrue(result([[[1]]], columns: lwt).wasApplied)
        XCTAssertTrue(result([[[0, 0, 0, 1], nil]]).wasApplied)
        XCTAssertTrue(ResultSet.empty.wasApplied)
    }

    func testSkippedMetadataTakesThePreparedColumns() throws {
        let rows = ResponseMessage.Result.Rows(metadata: ResultMetadata(noMetadataColumnCount: 2), rows: [[[0, 0, 0, 9], nil]])
        let set = ResultSet(result: .rows(rows), frame: nil, node: nil, columnsOverride: columns)
        XCTAssertEqual(try set[0]["id", as: Int32.self], 9)
    }

    func testPagingStateAndSchemaChange() {
        XCTAssertEqual(result([], pagingState: [1, 2]).pagingState, [1, 2])
        let change = ResponseMessage.SchemaChange(changeType: .created, target: .table(keyspace: "ks", name: "t"))
        let set = ResultSet(result: .schemaChange(change), frame: nil, node: nil)
        XCTAssertEqual(set.schemaChange, change)
        XCTAssertTrue(set.isEmpty)
    }
}
