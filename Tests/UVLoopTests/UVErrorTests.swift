import UVLoop
import XCTest

final class UVErrorTests: XCTestCase {
    func testCodeNamesAndDescription() {
        let error = UVError(code: .connectionRefused, operation: "connect", host: "127.0.0.1", port: 9042)
        XCTAssertEqual(error.code.name, "ECONNREFUSED")
        XCTAssertEqual(error.code.message, "connection refused")
        XCTAssertLessThan(error.code.rawValue, 0)
        XCTAssertEqual(error.description, "connect 127.0.0.1:9042 failed: ECONNREFUSED (connection refused)")
        XCTAssertEqual(UVError(code: .endOfFile, operation: "read").description, "read failed: EOF (end of file)")
    }

    func testCodesAreComparableByValue() {
        XCTAssertEqual(UVError.Code(rawValue: UVError.Code.timedOut.rawValue), .timedOut)
        XCTAssertNotEqual(UVError.Code.timedOut, .cancelled)
    }
}
