import XCTest
@testable import CQLProtocol

final class CQLVarintTests: XCTestCase {
    func testMinimalTwosComplementBytes() {
        let cases: [(Int64, String)] = [(0, "00"), (1, "01"), (-1, "ff"), (127, "7f"), (128, "0080"), (-128, "80"),
                                        (-129, "ff7f"), (255, "00ff"), (256, "0100"),
                                        (.max, "7fffffffffffffff"), (.min, "8000000000000000")]
        for (value, bytes) in cases {
            XCTAssertEqual(CQLVarint(value).bytes, hex(bytes), "\(value)")
            XCTAssertEqual(CQLVarint(twosComplement: hex(bytes)).int64Value, value)
            XCTAssertEqual(CQLVarint(value).description, String(value))
        }
    }

    func testNonMinimalInputIsNormalized() {
        XCTAssertEqual(CQLVarint(twosComplement: hex("000001")), CQLVarint(1))
        XCTAssertEqual(CQLVarint(twosComplement: hex("ffff80")).bytes, hex("80"))
        XCTAssertEqual(CQLVarint(twosComplement: hex("0080")).bytes, hex("0080"))
        XCTAssertEqual(CQLVarint(twosComplement: []), CQLVarint(0))
    }

    func testWideIntegers() {
        XCTAssertEqual(CQLVarint(UInt64.max).bytes, hex("00ffffffffffffffff"))
        XCTAssertEqual(CQLVarint(UInt64.max).description, "18446744073709551615")
        XCTAssertNil(CQLVarint(UInt64.max).int64Value)
        XCTAssertEqual(CQLVarint(Int128.min).description, "-170141183460469231731687303715884105728")
        XCTAssertEqual(CQLVarint(Int128.min).bytes.count, 16)
    }

    func testFortyDigitNumbersRoundTrip() throws {
        // Expected bytes from Python: int.to_bytes via cassandra.cqltypes.IntegerType.serialize.
        let positive = try XCTUnwrap(CQLVarint("1234567890123456789012345678901234567890"))
        XCTAssertEqual(positive.bytes, hex("03a0c92075c0dbf3b8acbc5f96ce3f0ad2"))
        XCTAssertEqual(positive.description, "1234567890123456789012345678901234567890")
        let negative = try XCTUnwrap(CQLVarint("-1234567890123456789012345678901234567890"))
        XCTAssertEqual(negative.bytes, hex("fc5f36df8a3f240c475343a06931c0f52e"))
        XCTAssertEqual(negative.description, "-1234567890123456789012345678901234567890")
        XCTAssertTrue(negative.isNegative)
    }

    func testDecimalStringEdgeCases() {
        XCTAssertEqual(CQLVarint("+7"), CQLVarint(7))
        XCTAssertEqual(CQLVarint("-0"), CQLVarint(0))
        XCTAssertEqual(CQLVarint("000123"), CQLVarint(123))
        XCTAssertEqual(CQLVarint("1000000000")?.description, "1000000000")
        XCTAssertEqual(CQLVarint("-1000000000000000000000")?.description, "-1000000000000000000000")
        for bad in ["", "-", "+", "1.0", " 1", "1e3", "0x10", "١٢"] { XCTAssertNil(CQLVarint(bad), bad) }
    }

    func testCodableUsesExactText() throws {
        let value = CQLVarint("99999999999999999999999")!
        let data = try JSONEncoder().encode([value])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["99999999999999999999999"]"#)
        XCTAssertEqual(try JSONDecoder().decode([CQLVarint].self, from: data), [value])
    }
}
