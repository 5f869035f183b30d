import CQLProtocol
import Foundation
import XCTest
@testable import CassandraORM

final class CellBytesTests: XCTestCase {
    private func bytes(_ value: some CQLEncodable, as type: CQLType) throws -> ArraySlice<UInt8> {
        var buffer = CQLBuffer()
        try value.encode(into: &buffer, as: type)
        return buffer.bytes[...]
    }

    /// Each reader reads what the codec of its type reads from the same bytes.
    func testReadersMatchTheCodecs() throws {
        for text in ["", "pen", "héllo wörld, a string longer than fifteen bytes"] {
            XCTAssertEqual(CellBytes.value(try bytes(text, as: .text), as: .text), try String(cqlBytes: try bytes(text, as: .text), type: .text))
        }
        for number: Int64 in [0, -1, .min, .max, 1 << 40] {
            let cell = try bytes(number, as: .bigint)
            XCTAssertEqual(CellBytes.value(cell, as: .bigint), try Int64(cqlBytes: cell, type: .bigint))
            XCTAssertEqual(CellBytes.value(cell, as: .counter), try Int64(cqlBytes: cell, type: .counter))
            XCTAssertEqual(CellBytes.value(cell, as: .bigint), try Int(cqlBytes: cell, type: .bigint))
        }
        for number: Int32 in [0, -7, .min, .max] {
            XCTAssertEqual(CellBytes.value(try bytes(number, as: .int), as: .int), number)
        }
        for number in [0.0, -2.5, .infinity, .pi] {
            XCTAssertEqual(CellBytes.value(try bytes(number, as: .double), as: .double), number)
            XCTAssertEqual(CellBytes.value(try bytes(Float(number), as: .float), as: .float), Float(number))
        }
        XCTAssertEqual(CellBytes.value([0][...], as: .boolean), false)
        XCTAssertEqual(CellBytes.value([2][...], as: .boolean), try Bool(cqlBytes: [2][...], type: .boolean))
        let uuid = UUID()
        XCTAssertEqual(CellBytes.value(try bytes(uuid, as: .uuid), as: .uuid), uuid)
    }

    /// Other columns and irregular bytes are left to the codec.
    func testOtherColumnsAndIrregularBytesAreNotRead() throws {
        XCTAssertNil(CellBytes.value(try bytes("a", as: .ascii), as: .ascii) as String?)
        XCTAssertNil(CellBytes.value([0xff, 0xfe][...], as: .text) as String?)
        XCTAssertNil(CellBytes.value(try bytes(Int32(1), as: .int), as: .int) as Int64?, "an int column is not read as Int64")
        XCTAssertNil(CellBytes.value([][...], as: .int) as Int32?)
        XCTAssertNil(CellBytes.value([1, 2, 3][...], as: .bigint) as Int64?)
        XCTAssertNil(CellBytes.value(try bytes(Float(1), as: .float), as: .float) as Double?)
        XCTAssertNil(CellBytes.value([0, 1][...], as: .boolean) as Bool?)
        XCTAssertNil(CellBytes.value(try bytes(UUID.timeBased(), as: .timeuuid), as: .timeuuid) as UUID?, "the codec checks the version")
    }
}
