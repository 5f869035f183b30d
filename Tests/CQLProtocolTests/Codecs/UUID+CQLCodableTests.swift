import Foundation
import XCTest
@testable import CQLProtocol

final class UUIDCQLCodableTests: XCTestCase {
    private let random = UUID(uuidString: "00112233-4455-4677-8899-AABBCCDDEEFF")!
    private let timeBased = UUID(uuidString: "B4CC8000-A838-11EE-9234-0123456789AB")!

    func testBytesAndRoundTrips() throws {
        XCTAssertEqual(try cqlBytes(random, as: .uuid), hex("00112233445546778899aabbccddeeff"))
        XCTAssertEqual(try cqlRoundTrip(random, as: .uuid), random)
        XCTAssertEqual(try cqlRoundTrip(timeBased, as: .timeuuid), timeBased)
        XCTAssertEqual(try UUID(cqlBytes: try cqlBytes(timeBased, as: .uuid)[...], type: .uuid), timeBased)
    }

    func testTimeuuidNeedsVersion1() {
        XCTAssertThrowsCQL(.invalidValue, try cqlBytes(random, as: .timeuuid))
        XCTAssertThrowsCQL(.invalidValue, try UUID(cqlBytes: hex("00112233445546778899aabbccddeeff")[...], type: .timeuuid))
    }

    func testErrors() {
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes(random, as: .text))
        XCTAssertThrowsCQL(.typeMismatch, try UUID(cqlBytes: [UInt8](repeating: 0, count: 16)[...], type: .blob))
        XCTAssertThrowsCQL(.unexpectedNull, try UUID(cqlBytes: nil, type: .uuid))
        XCTAssertThrowsCQL(.invalidValue, try UUID(cqlBytes: [UInt8](repeating: 0, count: 15)[...], type: .uuid))
    }
}
