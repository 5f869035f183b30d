import XCTest
@testable import CQLProtocol

final class CQLVarintCQLCodableTests: XCTestCase {
    func testVarintColumns() throws {
        XCTAssertEqual(try cqlBytes(CQLVarint(-129), as: .varint), hex("ff7f"))
        let huge = CQLVarint("-99999999999999999999999999999999999999999")!
        XCTAssertEqual(try cqlRoundTrip(huge, as: .varint), huge)
    }

    func testIntegerColumnsBothWays() throws {
        XCTAssertEqual(try CQLVarint(cqlBytes: hex("fffe")[...], type: .smallint), CQLVarint(-2))
        XCTAssertEqual(try cqlBytes(CQLVarint(7), as: .int), hex("00000007"))
        XCTAssertThrowsCQL(.invalidValue, try cqlBytes(CQLVarint(UInt64.max), as: .bigint))
        XCTAssertThrowsCQL(.invalidValue, try cqlBytes(CQLVarint(300), as: .tinyint))
    }

    func testErrors() {
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes(CQLVarint(1), as: .decimal))
        XCTAssertThrowsCQL(.typeMismatch, try CQLVarint(cqlBytes: hex("01")[...], type: .blob))
        XCTAssertThrowsCQL(.unexpectedNull, try CQLVarint(cqlBytes: nil, type: .varint))
        XCTAssertThrowsCQL(.invalidValue, try CQLVarint(cqlBytes: [][...], type: .varint))
    }
}
