@testable import CassandraGraphQL
import CassandraORM
import CQLProtocol
import GraphQL
import XCTest

final class ValueCodingTests: XCTestCase {
    func testDatesConvertBothWaysAcrossEras() {
        for (text, days) in [("1970-01-01", Int64(0)), ("2000-02-29", 11_016), ("1969-12-31", -1), ("0001-01-01", -719_162)] {
            XCTAssertEqual(ValueCoding.days(text), days, text)
            XCTAssertEqual(ValueCoding.date(days: days), text)
        }
        for invalid in ["2023-02-29", "2024-13-01", "24-01-01", "2024-1-01", "x"] { XCTAssertNil(ValueCoding.days(invalid), invalid) }
    }

    func testDateTimesAcceptBothFormsAndPrintMilliseconds() {
        let date = Date(timeIntervalSince1970: 1_709_202_030.456)
        XCTAssertEqual(ValueCoding.dateTime(date), "2024-02-29T10:20:30.456Z")
        XCTAssertEqual(ValueCoding.dateTime("2024-02-29T10:20:30.456Z")?.timeIntervalSince1970 ?? 0, date.timeIntervalSince1970,
                       accuracy: 0.000_5)
        XCTAssertEqual(ValueCoding.dateTime("2024-02-29T10:20:30Z"), Date(timeIntervalSince1970: 1_709_202_030))
        XCTAssertNil(ValueCoding.dateTime("yesterday"))
    }

    func testOutputFollowsTheColumnType() {
        XCTAssertEqual(ValueCoding.output(.int(1 << 40), as: .named("BigInt")), "1099511627776")
        XCTAssertEqual(ValueCoding.output(.cql(.varint(CQLVarint("123456789012345678901234567890")!)), as: .named("BigInt")),
                       "123456789012345678901234567890")
        XCTAssertEqual(ValueCoding.output(.cql(.date(1)), as: .named("Date")), "1970-01-02")
        XCTAssertEqual(ValueCoding.output(.bytes([0, 1]), as: .named("Blob")), "AAE=")
        XCTAssertEqual(ValueCoding.output(.int(3), as: .named("Float")), 3.0)
        XCTAssertEqual(ValueCoding.output(.list([1, 2]), as: .list(.named("Int"))), [1, 2])
        XCTAssertEqual(ValueCoding.output(.null, as: .named("String")), .null)
    }

    func testJSONOfNonTextKeyedMapsTuplesAndUDTs() {
        let map = CQLValue.map([.init(key: .int(1), value: .text("one"))])
        XCTAssertEqual(ValueCoding.output(.cql(map), as: .named("JSON")), ["1": "one"])
        XCTAssertEqual(ValueCoding.output(.cql(.tuple([.int(1), nil])), as: .named("JSON")), [1, Map.null])
        XCTAssertEqual(ValueCoding.output(["street": "Main", "no": 5], as: .named("JSON")), ["no": 5, "street": "Main"])
        let json: Map = ["a": [1, 2.5, true, Map.null]]
        let expected: ORMValue = ["a": [1, 2.5, true, nil]]
        XCTAssertEqual(ValueCoding.json(json), expected)
    }

    func testInputRefusesValuesThatDoNotFit() {
        XCTAssertThrowsError(try ValueCoding.input("abc", as: .named("Int"), path: "T.f"))
        XCTAssertThrowsError(try ValueCoding.input("1.5", as: .named("BigInt"), path: "T.f"))
        XCTAssertThrowsError(try ValueCoding.input("not base64!", as: .named("Blob"), path: "T.f"))
        XCTAssertThrowsError(try ValueCoding.input(1, as: .list(.named("Int")), path: "T.f"))
        XCTAssertEqual(try ValueCoding.input("12345678901234567890123", as: .named("BigInt"), path: "T.f"), "12345678901234567890123")
        XCTAssertEqual(try ValueCoding.input(2.5, as: .named("Decimal"), path: "T.f"), 2.5)
    }
}
