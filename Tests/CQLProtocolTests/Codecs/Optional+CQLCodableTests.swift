import XCTest
@testable import CQLProtocol

final class OptionalCQLCodableTests: XCTestCase {
    func testNullDecodesOnlyIntoOptional() throws {
        XCTAssertNil(try Int32?(cqlBytes: nil, type: .int))
        XCTAssertEqual(try Int32?(cqlBytes: hex("00000001")[...], type: .int), 1)
        XCTAssertThrowsCQL(.unexpectedNull, try Int32(cqlBytes: nil, type: .int))
    }

    func testTypeIsCheckedEvenForNull() {
        XCTAssertThrowsCQL(.typeMismatch, try String?(cqlBytes: nil, type: .int))
    }

    func testEmptyIsNotNull() {
        XCTAssertThrowsCQL(.invalidValue, try Int32?(cqlBytes: [][...], type: .int))
    }

    func testRawValues() throws {
        XCTAssertEqual(try Int32?.none.cqlRawValue(as: .int), .null)
        XCTAssertEqual(try Int32?.some(1).cqlRawValue(as: .int), .bytes([0, 0, 0, 1]))
        XCTAssertEqual(try "".cqlRawValue(as: .text), .bytes([]))
        XCTAssertThrowsCQL(.unexpectedNull, try cqlBytes(Int32?.none, as: .int))
        XCTAssertThrowsCQL(.typeMismatch, try Int32?.some(1).cqlRawValue(as: .text))
    }
}
