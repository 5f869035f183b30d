import XCTest
@testable import CQLProtocol

final class CQLDecimalCQLCodableTests: XCTestCase {
    func testBytes() throws {
        XCTAssertEqual(try cqlBytes(CQLDecimal("1.5")!, as: .decimal), hex("00000001 0f"))
        XCTAssertEqual(try cqlBytes(CQLDecimal("123.4500")!, as: .decimal), hex("00000004 12d644"))
        XCTAssertEqual(try CQLDecimal(cqlBytes: hex("fffffffd 01")[...], type: .decimal).description, "1E+3")
        let huge = CQLDecimal("98765432109876543210987654321098765432.1")!
        XCTAssertEqual(try cqlRoundTrip(huge, as: .decimal), huge)
    }

    func testErrors() {
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes(CQLDecimal("1")!, as: .double))
        XCTAssertThrowsCQL(.typeMismatch, try CQLDecimal(cqlBytes: hex("00000001 0f")[...], type: .varint))
        XCTAssertThrowsCQL(.unexpectedNull, try CQLDecimal(cqlBytes: nil, type: .decimal))
        XCTAssertThrowsCQL(.invalidValue, try CQLDecimal(cqlBytes: hex("00000001")[...], type: .decimal))
        XCTAssertThrowsCQL(.invalidValue, try CQLDecimal(cqlBytes: hex("0001")[...], type: .decimal))
    }
}
