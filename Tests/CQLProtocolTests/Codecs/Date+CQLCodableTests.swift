import Foundation
import XCTest
@testable import CQLProtocol

final class DateCQLCodableTests: XCTestCase {
    func testTimestampMilliseconds() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123)
        XCTAssertEqual(try cqlBytes(date, as: .timestamp), hex("0000018bcfe5687b"))
        XCTAssertEqual(try Date(cqlBytes: hex("0000018bcfe5687b")[...], type: .timestamp).timeIntervalSince1970,
                       1_700_000_000.123, accuracy: 1e-6)
        XCTAssertEqual(try cqlBytes(Date(timeIntervalSince1970: -0.001), as: .timestamp), hex("ffffffffffffffff"))
        // Every millisecond survives the trip through Date's floating-point storage.
        for milliseconds: Int64 in [1, -1, 999, 1_000, 1_700_000_000_001, -62_135_596_800_000] {
            var buffer = CQLBuffer()
            buffer.writeLong(milliseconds)
            let date = try Date(cqlBytes: buffer.bytes[...], type: .timestamp)
            XCTAssertEqual(try cqlBytes(date, as: .timestamp), buffer.bytes, "\(milliseconds)")
        }
    }

    func testDateColumnsAreUTCDays() throws {
        XCTAssertEqual(try cqlBytes(Date(timeIntervalSince1970: 0), as: .date), hex("80000000"))
        XCTAssertEqual(try cqlBytes(Date(timeIntervalSince1970: 86_399), as: .date), hex("80000000"))
        XCTAssertEqual(try cqlBytes(Date(timeIntervalSince1970: -1), as: .date), hex("7fffffff"))
        XCTAssertEqual(try Date(cqlBytes: hex("80004d46")[...], type: .date), Date(timeIntervalSince1970: 19_782 * 86_400))
    }

    func testErrors() {
        XCTAssertThrowsCQL(.invalidValue, try cqlBytes(Date(timeIntervalSince1970: 1e300), as: .timestamp))
        XCTAssertThrowsCQL(.invalidValue, try cqlBytes(Date(timeIntervalSince1970: 1e15), as: .date))
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes(Date(), as: .time))
        XCTAssertThrowsCQL(.typeMismatch, try Date(cqlBytes: hex("0000000000000001")[...], type: .bigint))
        XCTAssertThrowsCQL(.unexpectedNull, try Date(cqlBytes: nil, type: .timestamp))
        XCTAssertThrowsCQL(.invalidValue, try Date(cqlBytes: hex("00000001")[...], type: .timestamp))
    }
}
