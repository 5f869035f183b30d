import XCTest
@testable import CQLProtocol

final class FixedWidthIntegerCQLCodableTests: XCTestCase {
    func testNaturalColumns() throws {
        XCTAssertEqual(try cqlBytes(Int8(-1), as: .tinyint), hex("ff"))
        XCTAssertEqual(try cqlBytes(Int16(258), as: .smallint), hex("0102"))
        XCTAssertEqual(try cqlBytes(Int32(1), as: .int), hex("00000001"))
        XCTAssertEqual(try cqlBytes(Int64.min, as: .bigint), hex("8000000000000000"))
        XCTAssertEqual(try cqlBytes(Int.max, as: .bigint), hex("7fffffffffffffff"))
        XCTAssertEqual(try cqlBytes(Int.max, as: .counter), hex("7fffffffffffffff"))
        XCTAssertEqual(try cqlRoundTrip(Int64.min, as: .bigint), .min)
        XCTAssertEqual(try cqlRoundTrip(Int32.max, as: .int), .max)
        XCTAssertEqual(try cqlRoundTrip(Int16.min, as: .smallint), .min)
        XCTAssertEqual(try cqlRoundTrip(Int8.max, as: .tinyint), .max)
    }

    func testIntDecodesEveryNarrowerIntegerColumn() throws {
        XCTAssertEqual(try Int(cqlBytes: hex("ff")[...], type: .tinyint), -1)
        XCTAssertEqual(try Int(cqlBytes: hex("8000")[...], type: .smallint), -32768)
        XCTAssertEqual(try Int(cqlBytes: hex("00000007")[...], type: .int), 7)
        XCTAssertEqual(try Int(cqlBytes: hex("0000000000000009")[...], type: .counter), 9)
        XCTAssertEqual(try Int32(cqlBytes: hex("0001")[...], type: .smallint), 1)
    }

    func testWiderColumnsAreTypeMismatches() {
        XCTAssertThrowsCQL(.typeMismatch, try Int32(cqlBytes: hex("0000000000000001")[...], type: .bigint))
        XCTAssertThrowsCQL(.typeMismatch, try Int8(cqlBytes: hex("0001")[...], type: .smallint))
        XCTAssertThrowsCQL(.typeMismatch, try Int(cqlBytes: hex("01")[...], type: .varint))
        XCTAssertThrowsCQL(.typeMismatch, try Int(cqlBytes: hex("00000001")[...], type: .float))
        XCTAssertThrowsCQL(.typeMismatch, try Int.checkCQLType(.text))
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes(1, as: .text))
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes(1, as: .timestamp))
    }

    func testEncodingNarrowsOnlyWhenTheValueFits() throws {
        XCTAssertEqual(try cqlBytes(Int(5), as: .int), hex("00000005"))
        XCTAssertEqual(try cqlBytes(Int64(-2), as: .tinyint), hex("fe"))
        XCTAssertEqual(try cqlBytes(Int(128), as: .varint), hex("0080"))
        XCTAssertThrowsCQL(.invalidValue, try cqlBytes(Int(Int32.max) + 1, as: .int))
        XCTAssertThrowsCQL(.invalidValue, try cqlBytes(Int16(128), as: .tinyint))
    }

    func testUInt8IsTinyintWithoutNegatives() throws {
        XCTAssertEqual(try UInt8(cqlBytes: hex("7f")[...], type: .tinyint), 127)
        XCTAssertThrowsCQL(.invalidValue, try UInt8(cqlBytes: hex("ff")[...], type: .tinyint))
        XCTAssertThrowsCQL(.invalidValue, try cqlBytes(UInt8(200), as: .tinyint))
    }

    func testNullEmptyAndMalformed() {
        XCTAssertThrowsCQL(.unexpectedNull, try Int(cqlBytes: nil, type: .bigint))
        XCTAssertThrowsCQL(.invalidValue, try Int32(cqlBytes: [][...], type: .int))
        XCTAssertThrowsCQL(.invalidValue, try Int32(cqlBytes: hex("000001")[...], type: .int))
        XCTAssertThrowsCQL(.invalidValue, try Int64(cqlBytes: hex("000000000000000001")[...], type: .bigint))
    }
}
