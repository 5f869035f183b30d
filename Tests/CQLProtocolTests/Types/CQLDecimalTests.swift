import XCTest
@testable import CQLProtocol

final class CQLDecimalTests: XCTestCase {
    func testParsingKeepsScale() throws {
        let cases: [(String, Int64, Int32)] = [("1.5", 15, 1), ("-0.001", -1, 3), ("1E+3", 1, -3), ("123.4500", 1234500, 4),
                                               ("0", 0, 0), ("1e-7", 1, 7), ("+2.50E2", 250, 0), (".5", 5, 1), ("5.", 5, 0)]
        for (text, unscaled, scale) in cases {
            let value = try XCTUnwrap(CQLDecimal(text), text)
            XCTAssertEqual(value.unscaled, CQLVarint(unscaled), text)
            XCTAssertEqual(value.scale, scale, text)
        }
    }

    func testDescriptionFollowsJavaBigDecimal() {
        let cases: [(Int64, Int32, String)] = [(15, 1, "1.5"), (-1, 3, "-0.001"), (1, -3, "1E+3"), (1234500, 4, "123.4500"),
                                               (0, 0, "0"), (1, 7, "1E-7"), (1, 6, "0.000001"), (-123, -2, "-1.23E+4"),
                                               (0, 2, "0.00"), (12, 10, "1.2E-9"), (5, 0, "5")]
        for (unscaled, scale, text) in cases {
            XCTAssertEqual(CQLDecimal(unscaled: CQLVarint(unscaled), scale: scale).description, text)
        }
    }

    func testExtremeScalesStayShort() {
        XCTAssertEqual(CQLDecimal(unscaled: 1, scale: .min).description, "1E+2147483648")
        XCTAssertEqual(CQLDecimal(unscaled: -25, scale: .max).description, "-2.5E-2147483646")
    }

    func testHugeValuesRoundTripExactly() throws {
        let text = "-1234567890123456789012345678901234567890.12345"
        let value = try XCTUnwrap(CQLDecimal(text))
        XCTAssertEqual(value.description, text)
        XCTAssertEqual(value.scale, 5)
        XCTAssertEqual(try CQLValue.decimal(value).serialized(as: .decimal),
                       hex("00000005 fa76c91ad85298613c556d10a4838b0e1d2087"))
    }

    func testRejectsMalformedText() {
        for bad in ["", "-", "1.2.3", "e5", "1e", "1e+", "abc", "1,5", "1e99999999999999"] { XCTAssertNil(CQLDecimal(bad), bad) }
        XCTAssertNil(CQLDecimal("1e-2147483648"))  // scale 2^31 does not fit an Int32
    }

    func testEqualityComparesRepresentation() {
        XCTAssertNotEqual(CQLDecimal("1.5"), CQLDecimal("1.50"))
        XCTAssertEqual(CQLDecimal("1.50"), CQLDecimal(unscaled: 150, scale: 2))
    }
}
