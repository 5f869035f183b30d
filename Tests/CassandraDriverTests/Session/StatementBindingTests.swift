import CQLProtocol
import Foundation
import XCTest
@testable import CassandraDriver

final class StatementBindingTests: XCTestCase {
    func testNaturalTypesSerializeScalarsAndNulls() throws {
        let raw = try StatementBinding.naturalRawValues(
            [Int32(7), Int64(1), "ab", true, Optional<Int32>.none, Optional<Int32>.some(2), [UInt8]([1, 2]), CQLRawValue.unset],
            statement: "…")
        XCTAssertEqual(raw, [.bytes([0, 0, 0, 7]), .bytes([0, 0, 0, 0, 0, 0, 0, 1]), .bytes(Array("ab".utf8)), .bytes([1]),
                             .null, .bytes([0, 0, 0, 2]), .bytes([1, 2]), .unset])
    }

    func testValuesWithoutANaturalTypeNeedPreparedMetadata() throws {
        XCTAssertNil(try StatementBinding.naturalRawValues([[Int32(1), 2]], statement: "…"))
        XCTAssertNil(try StatementBinding.naturalRawValues([CQLValue.int(1)], statement: "…"))
    }

    func testBindingAgainstMarkersChecksCountAndTypes() throws {
        let markers = [ResultMetadata.ColumnSpec(keyspace: "ks", table: "t", name: "id", type: .int),
                       ResultMetadata.ColumnSpec(keyspace: "ks", table: "t", name: "tags", type: .list(.text))]
        XCTAssertEqual(try StatementBinding.serialize([Int32(1), ["a"]], for: markers, statement: "…").count, 2)
        XCTAssertThrowsError(try StatementBinding.serialize([Int32(1)], for: markers, statement: "INSERT")) { error in
            XCTAssertEqual((error as? CassandraError)?.code, .invalidArgument)
            XCTAssertEqual((error as? CassandraError)?.statement, "INSERT")
        }
        XCTAssertThrowsError(try StatementBinding.serialize(["x", ["a"]], for: markers, statement: "…")) { error in
            XCTAssertEqual((error as? CassandraError)?.code, .typeMismatch)
        }
    }

    func testNamedBindingLeavesUnnamedMarkersUnset() throws {
        let markers = [ResultMetadata.ColumnSpec(keyspace: "ks", table: "t", name: "id", type: .int),
                       ResultMetadata.ColumnSpec(keyspace: "ks", table: "t", name: "name", type: .text)]
        let raw = try StatementBinding.serialize(named: [("name", "Ada")], for: markers, statement: "…")
        XCTAssertEqual(raw.rawValues, [.unset, .bytes(Array("Ada".utf8))])
        XCTAssertThrowsError(try StatementBinding.serialize(named: [("nope", 1)], for: markers, statement: "…"))
    }
}
