import XCTest
@testable import CQLProtocol

final class CQLDurationCQLCodableTests: XCTestCase {
    func testBytes() throws {
        XCTAssertEqual(try cqlBytes(CQLDuration(months: 1, days: 2, nanoseconds: 3), as: .duration), hex("020406"))
        let extreme = CQLDuration(months: .min, days: .min, nanoseconds: .min)
        XCTAssertEqual(try cqlRoundTrip(extreme, as: .duration), extreme)
    }

    func testErrors() {
        XCTAssertThrowsCQL(.invalidValue, try cqlBytes(CQLDuration(months: -1, nanoseconds: 1), as: .duration))
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes(CQLDuration(), as: .time))
        XCTAssertThrowsCQL(.typeMismatch, try CQLDuration(cqlBytes: hex("000000")[...], type: .bigint))
        XCTAssertThrowsCQL(.unexpectedNull, try CQLDuration(cqlBytes: nil, type: .duration))
        XCTAssertThrowsCQL(.truncated, try CQLDuration(cqlBytes: hex("02")[...], type: .duration))
    }
}
