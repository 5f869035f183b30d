import XCTest
@testable import CQLProtocol

final class CQLValueCQLCodableTests: XCTestCase {
    func testAcceptsAnyTypeAndKeepsEmptyDistinct() throws {
        XCTAssertEqual(try CQLValue(cqlBytes: hex("00000001")[...], type: .int), .int(1))
        XCTAssertEqual(try CQLValue(cqlBytes: [][...], type: .int), .empty)
        XCTAssertNil(try CQLValue?(cqlBytes: nil, type: .int))
        XCTAssertThrowsCQL(.unexpectedNull, try CQLValue(cqlBytes: nil, type: .int))
        XCTAssertEqual(try cqlBytes(CQLValue.text("a"), as: .text), [0x61])
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes(CQLValue.text("a"), as: .int))
    }

    func testFieldSubscript() {
        let value = CQLValue.udt([.init(name: "a", value: .int(1)), .init(name: "b", value: nil)])
        XCTAssertEqual(value[field: "a"], .int(1))
        XCTAssertNil(value[field: "b"])
        XCTAssertNil(value[field: "c"])
        XCTAssertNil(CQLValue.int(1)[field: "a"])
    }
}
