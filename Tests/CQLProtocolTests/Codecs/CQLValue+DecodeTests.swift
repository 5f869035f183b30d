import XCTest
@testable import CQLProtocol

/// Malformed input must become a typed ``CQLProtocolError``, never a trap.
final class CQLValueDecodeTests: XCTestCase {
    func testNullAndUnset() throws {
        XCTAssertNil(try CQLValue.decode(nil as [UInt8]?, as: .int))
        XCTAssertNil(try CQLValue.decode(CQLRawValue.null, as: .int))
        XCTAssertEqual(try CQLValue.decode(CQLRawValue.bytes([1]), as: .tinyint), .tinyint(1))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode(CQLRawValue.unset, as: .int))
    }

    func testEmptyBytes() throws {
        XCTAssertEqual(try CQLValue.decode([], as: .text), .text(""))
        XCTAssertEqual(try CQLValue.decode([], as: .ascii), .ascii(""))
        XCTAssertEqual(try CQLValue.decode([], as: .blob), .blob([]))
        for type in [CQLType.int, .bigint, .boolean, .uuid, .varint, .decimal, .inet, .date, .list(.int), .map(.int, .int)] {
            XCTAssertEqual(try CQLValue.decode([], as: type), .empty, "\(type)")
        }
    }

    func testSliceInputUsesItsOwnIndices() throws {
        let bytes: [UInt8] = [0xFF, 0, 0, 0, 9, 0xFF]
        XCTAssertEqual(try CQLValue.decode(bytes[1..<5], as: .int), .int(9))
        let vector: [UInt8] = [0xEE] + hex("3f800000 40200000")
        XCTAssertEqual(try CQLValue.decode(vector[1...], as: .vector(.float, dimension: 2)), .vector([.float(1), .float(2.5)]))
    }

    func testWrongLengthForFixedTypes() {
        let cases: [(CQLType, Int)] = [(.int, 3), (.int, 5), (.bigint, 7), (.smallint, 1), (.tinyint, 2), (.boolean, 2),
                                       (.float, 8), (.double, 4), (.uuid, 15), (.timeuuid, 17), (.date, 2), (.time, 4),
                                       (.timestamp, 9), (.counter, 1), (.inet, 5), (.decimal, 4), (.decimal, 3)]
        for (type, count) in cases {
            XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode([UInt8](repeating: 0, count: count), as: type), "\(type) × \(count)")
        }
    }

    func testInvalidText() {
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode([0xC3, 0x28], as: .text))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode([0xFF], as: .text))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode([0x61, 0x80], as: .ascii))
    }

    func testOutOfRangeFields() {
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode(hex("00004e94914f0000"), as: .time))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode(hex("ffffffffffffffff"), as: .time))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode(hex("00112233445546778899aabbccddeeff"), as: .timeuuid))
        // months = 2^32 does not fit an Int32.
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode(hex("f2 00000000 00 00"), as: .duration))
        // months 1, days -1: mixed signs.
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode(hex("02 01 00"), as: .duration))
    }

    func testTruncatedAndTrailingDuration() {
        XCTAssertThrowsCQL(.truncated, try CQLValue.decode(hex("02 04"), as: .duration))
        XCTAssertThrowsCQL(.truncated, try CQLValue.decode(hex("02 04 f1"), as: .duration))
        XCTAssertThrowsCQL(.trailingBytes, try CQLValue.decode(hex("02 04 06 00"), as: .duration))
    }

    func testCollectionCounts() {
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode(hex("ffffffff"), as: .list(.int)))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode(hex("80000000"), as: .set(.int)))
        // Two billion elements announced, four bytes present: rejected before allocating.
        XCTAssertThrowsCQL(.truncated, try CQLValue.decode(hex("7fffffff 00000000"), as: .list(.int)))
        XCTAssertThrowsCQL(.truncated, try CQLValue.decode(hex("00000001 00000000"), as: .map(.int, .int)))
        XCTAssertThrowsCQL(.truncated, try CQLValue.decode(hex("00000001"), as: .list(.int)))
        XCTAssertThrowsCQL(.truncated, try CQLValue.decode(hex("00"), as: .list(.int)))
    }

    func testCollectionElements() {
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode(hex("00000001 ffffffff"), as: .list(.int)))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode(hex("00000001 fffffff0"), as: .list(.int)))
        XCTAssertThrowsCQL(.truncated, try CQLValue.decode(hex("00000001 00000004 0000"), as: .list(.int)))
        XCTAssertThrowsCQL(.trailingBytes, try CQLValue.decode(hex("00000001 00000004 00000001 00"), as: .list(.int)))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode(hex("00000001 00000003 000001"), as: .list(.int)))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode(hex("00000001 00000001 61 ffffffff"), as: .map(.text, .int)))
    }

    func testUDTAndTupleMayHaveFewerFieldsButNotMore() throws {
        let type = CQLType.udt(.init(keyspace: "ks", name: "t", fields: [.init(name: "a", type: .int), .init(name: "b", type: .text)]))
        XCTAssertEqual(try CQLValue.decode(hex("00000004 00000001"), as: type),
                       .udt([.init(name: "a", value: .int(1)), .init(name: "b", value: nil)]))
        XCTAssertEqual(try CQLValue.decode(hex("00000004 00000001"), as: .tuple([.int, .text])), .tuple([.int(1), nil]))
        XCTAssertThrowsCQL(.trailingBytes, try CQLValue.decode(hex("00000004 00000001 00000000 00000000"), as: type))
        XCTAssertThrowsCQL(.truncated, try CQLValue.decode(hex("00000008 00000001"), as: .tuple([.bigint])))
        XCTAssertThrowsCQL(.truncated, try CQLValue.decode(hex("0000"), as: .tuple([.int])))
    }

    func testVectorSizes() {
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode(hex("3f800000"), as: .vector(.float, dimension: 2)))
        XCTAssertThrowsCQL(.invalidValue, try CQLValue.decode(hex("3f800000 00"), as: .vector(.float, dimension: 1)))
        XCTAssertThrowsCQL(.truncated, try CQLValue.decode(hex("05 61"), as: .vector(.text, dimension: 1)))
        XCTAssertThrowsCQL(.truncated, try CQLValue.decode(hex("01 61"), as: .vector(.text, dimension: 1_000_000)))
        XCTAssertThrowsCQL(.trailingBytes, try CQLValue.decode(hex("01 61 00"), as: .vector(.text, dimension: 1)))
        // A fixed element size times a huge dimension overflows Int: the size counts as
        // variable, and the missing bytes are still a typed error.
        XCTAssertThrowsCQL(.truncated, try CQLValue.decode(hex("00"), as: .vector(.vector(.bigint, dimension: .max), dimension: 2)))
    }

    func testErrorsCarryTheOffendingBytes() {
        XCTAssertThrowsError(try CQLValue.decode([1, 2, 3], as: .int)) { error in
            XCTAssertEqual((error as? CQLProtocolError)?.payload, [1, 2, 3])
        }
    }
}
