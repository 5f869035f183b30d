import XCTest
@testable import CQLProtocol

final class FloatingPointCQLCodableTests: XCTestCase {
    func testBytesAndBoundaries() throws {
        XCTAssertEqual(try cqlBytes(Float(1.5), as: .float), hex("3fc00000"))
        XCTAssertEqual(try cqlBytes(Double(1.5), as: .double), hex("3ff8000000000000"))
        XCTAssertEqual(try cqlBytes(Float(1.5), as: .double), hex("3ff8000000000000"))
        XCTAssertEqual(try cqlRoundTrip(Double.infinity, as: .double), .infinity)
        XCTAssertEqual(try cqlRoundTrip(-Float.infinity, as: .float), -.infinity)
        XCTAssertEqual(try cqlRoundTrip(Double.leastNonzeroMagnitude, as: .double), .leastNonzeroMagnitude)
        XCTAssertEqual(try cqlRoundTrip(Float.greatestFiniteMagnitude, as: .float), .greatestFiniteMagnitude)
        XCTAssertTrue(try cqlRoundTrip(Double.nan, as: .double).isNaN)
        XCTAssertTrue(try cqlRoundTrip(Float.nan, as: .float).isNaN)
        XCTAssertEqual(try cqlRoundTrip(-0.0 as Double, as: .double).sign, .minus)
    }

    func testDoubleReadsFloatColumnsExactly() throws {
        XCTAssertEqual(try Double(cqlBytes: hex("3fc00000")[...], type: .float), 1.5)
    }

    func testMismatchesAndErrors() {
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes(Double(1), as: .float))
        XCTAssertThrowsCQL(.typeMismatch, try Float(cqlBytes: hex("3ff8000000000000")[...], type: .double))
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes(Float(1), as: .int))
        XCTAssertThrowsCQL(.unexpectedNull, try Double(cqlBytes: nil, type: .double))
        XCTAssertThrowsCQL(.invalidValue, try Double(cqlBytes: hex("3ff80000")[...], type: .double))
        XCTAssertThrowsCQL(.invalidValue, try Float(cqlBytes: [][...], type: .float))
    }
}
