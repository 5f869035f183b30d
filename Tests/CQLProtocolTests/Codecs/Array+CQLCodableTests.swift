import XCTest
@testable import CQLProtocol

final class ArrayCQLCodableTests: XCTestCase {
    func testListAndSet() throws {
        XCTAssertEqual(try cqlBytes([Int32(1), 2], as: .list(.int)), hex("00000002 00000004 00000001 00000004 00000002"))
        XCTAssertEqual(try cqlRoundTrip(["a", "b", "a"], as: .list(.text)), ["a", "b", "a"])
        XCTAssertEqual(try cqlRoundTrip([Int](), as: .set(.bigint)), [])
        XCTAssertEqual(try cqlRoundTrip([[Int8(1)], [2, 3]], as: .list(.list(.tinyint))), [[1], [2, 3]])
    }

    func testVectorOfFloats() throws {
        XCTAssertEqual(try cqlBytes([Float(1), 2.5, -1], as: .vector(.float, dimension: 3)), hex("3f800000 40200000 bf800000"))
        XCTAssertEqual(try [Float](cqlBytes: hex("3f800000 40200000 bf800000")[...], type: .vector(.float, dimension: 3)), [1, 2.5, -1])
        XCTAssertEqual(try cqlRoundTrip(["a", "bcd"], as: .vector(.text, dimension: 2)), ["a", "bcd"])
        XCTAssertThrowsCQL(.invalidValue, try cqlBytes([Float(1)], as: .vector(.float, dimension: 3)))
        XCTAssertThrowsCQL(.invalidValue, try [Float](cqlBytes: hex("3f800000")[...], type: .vector(.float, dimension: 3)))
    }

    func testBytesAreBlobs() throws {
        XCTAssertEqual(try cqlBytes([UInt8]([0xCA, 0xFE]), as: .blob), hex("cafe"))
        XCTAssertEqual(try [UInt8](cqlBytes: hex("cafe")[...], type: .blob), [0xCA, 0xFE])
        XCTAssertEqual(try [UInt8](cqlBytes: [][...], type: .blob), [])
        XCTAssertEqual(try cqlBytes([UInt8]([1]), as: .list(.tinyint)), hex("00000001 00000001 01"))
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes([Int8(1)], as: .blob))
        XCTAssertThrowsCQL(.typeMismatch, try [Int8](cqlBytes: hex("01")[...], type: .blob))
    }

    func testElementTypeIsCheckedBeforeDecoding() {
        // An empty list<int> still cannot become [String].
        XCTAssertThrowsCQL(.typeMismatch, try [String](cqlBytes: hex("00000000")[...], type: .list(.int)))
        XCTAssertThrowsCQL(.typeMismatch, try [Int32].checkCQLType(.map(.int, .int)))
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes([1, 2], as: .list(.text)))
    }

    func testMalformedAndNull() {
        XCTAssertThrowsCQL(.unexpectedNull, try [Int32](cqlBytes: nil, type: .list(.int)))
        XCTAssertThrowsCQL(.invalidValue, try [Int32](cqlBytes: [][...], type: .list(.int)))
        XCTAssertThrowsCQL(.invalidValue, try [Int32](cqlBytes: hex("ffffffff")[...], type: .list(.int)))
        XCTAssertThrowsCQL(.truncated, try [Int32](cqlBytes: hex("00010000")[...], type: .list(.int)))
        XCTAssertThrowsCQL(.invalidValue, try [Int32](cqlBytes: hex("00000001 ffffffff")[...], type: .list(.int)))
        XCTAssertThrowsCQL(.unexpectedNull, try cqlBytes([Int32?.none], as: .list(.int)))
    }
}
