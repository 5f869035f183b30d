import XCTest
@testable import CQLProtocol

final class SetCQLCodableTests: XCTestCase {
    func testRoundTripsAndCollapsesDuplicates() throws {
        XCTAssertEqual(try cqlBytes(Set(["a"]), as: .set(.text)), hex("00000001 00000001 61"))
        XCTAssertEqual(try cqlRoundTrip(Set([Int32(1), 2, 3]), as: .set(.int)), [1, 2, 3])
        XCTAssertEqual(try Set<Int32>(cqlBytes: try cqlBytes([Int32(1), 1], as: .list(.int))[...], type: .list(.int)), [1])
    }

    func testErrors() {
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes(Set([1]), as: .vector(.bigint, dimension: 1)))
        XCTAssertThrowsCQL(.typeMismatch, try Set<Int32>(cqlBytes: hex("00000000")[...], type: .set(.text)))
        XCTAssertThrowsCQL(.unexpectedNull, try Set<Int32>(cqlBytes: nil, type: .set(.int)))
    }
}
