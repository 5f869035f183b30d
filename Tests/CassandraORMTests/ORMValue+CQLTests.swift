import CQLProtocol
import Foundation
import XCTest
@testable import CassandraORM

final class ORMValueCQLTests: XCTestCase {
    /// `init(cell:type:)` reads what the general decoder reads, or fails where it fails.
    private func assertCellMatchesDecoder(_ bytes: [UInt8]?, _ type: CQLType, file: StaticString = #filePath, line: UInt = #line) {
        let direct = Result { () throws(CQLProtocolError) in try ORMValue(cell: bytes?[...], type: type) }
        let general = Result { () throws(CQLProtocolError) in ORMValue(cql: try CQLValue.decode(bytes, as: type)) }
        switch (direct, general) {
        case (.success(let left), .success(let right)): XCTAssertEqual(left, right, "\(type)", file: file, line: line)
        case (.failure, .failure): break
        default: XCTFail("\(type) \(String(describing: bytes)): \(direct) vs \(general)", file: file, line: line)
        }
    }

    private func bytes(_ value: CQLValue, as type: CQLType) throws -> [UInt8] {
        var buffer = CQLBuffer()
        try value.encode(into: &buffer, as: type)
        return buffer.bytes
    }

    func testScalarCellsDecodeAsTheGeneralDecoderDoes() throws {
        let cases: [(CQLValue, CQLType)] = [
            (.text("héllo"), .text), (.text(""), .text), (.ascii("abc"), .ascii),
            (.bigint(-5), .bigint), (.bigint(.max), .bigint), (.counter(7), .counter), (.int(-42), .int), (.int(.min), .int),
            (.smallint(3), .smallint), (.tinyint(-1), .tinyint), (.double(2.5), .double), (.double(-.infinity), .double),
            (.float(1.5), .float), (.boolean(true), .boolean), (.boolean(false), .boolean),
            (.uuid(UUID()), .uuid), (.timeuuid(UUID.timeBased()), .timeuuid), (.timestamp(1_700_000_000_123), .timestamp),
            (.blob([1, 2]), .blob), (.list([.int(1), .int(2)]), .list(.int)),
        ]
        for (value, type) in cases { assertCellMatchesDecoder(try bytes(value, as: type), type) }
        assertCellMatchesDecoder(nil, .int)
    }

    func testIrregularCellsFallBackToTheGeneralDecoder() {
        assertCellMatchesDecoder([], .int)
        assertCellMatchesDecoder([], .uuid)
        assertCellMatchesDecoder([1, 2, 3], .int)
        assertCellMatchesDecoder([1, 2, 3], .bigint)
        assertCellMatchesDecoder([0, 1], .boolean)
        assertCellMatchesDecoder([0xff, 0xfe], .text)
        withUnsafeBytes(of: UUID().uuid) { assertCellMatchesDecoder(Array($0), .timeuuid) }
        XCTAssertThrowsError(try ORMValue(cell: [0xff][...], type: .text))
        XCTAssertEqual(try ORMValue(cell: [2][...], type: .boolean), .bool(true))
    }
}
