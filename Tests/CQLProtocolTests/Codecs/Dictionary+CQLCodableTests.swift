import XCTest
@testable import CQLProtocol

final class DictionaryCQLCodableTests: XCTestCase {
    func testMap() throws {
        XCTAssertEqual(try cqlBytes(["a": Int32(1)], as: .map(.text, .int)), hex("00000001 00000001 61 00000004 00000001"))
        let value: [Int32: [String]] = [1: ["x"], 2: []]
        XCTAssertEqual(try cqlRoundTrip(value, as: .map(.int, .list(.text))), value)
    }

    func testLastDuplicateKeyWins() throws {
        let bytes = hex("00000002 00000001 61 00000004 00000001 00000001 61 00000004 00000002")
        XCTAssertEqual(try [String: Int32](cqlBytes: bytes[...], type: .map(.text, .int)), ["a": 2])
    }

    func testErrors() {
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes(["a": 1], as: .list(.text)))
        XCTAssertThrowsCQL(.typeMismatch, try [String: Int32](cqlBytes: hex("00000000")[...], type: .map(.int, .int)))
        XCTAssertThrowsCQL(.unexpectedNull, try [String: Int32](cqlBytes: nil, type: .map(.text, .int)))
        XCTAssertThrowsCQL(.truncated, try [String: Int32](cqlBytes: hex("00000002 00000001 61")[...], type: .map(.text, .int)))
        XCTAssertThrowsCQL(.unexpectedNull, try cqlBytes(["a": Int32?.none], as: .map(.text, .int)))
    }
}
