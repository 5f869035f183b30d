import XCTest
@testable import CQLProtocol

/// Bytes from hex text; spaces are ignored, so spec layouts can be written as `"00 00 00 01"`.
func hex(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [UInt8] {
    let digits = Array(text.utf8.filter { $0 != UInt8(ascii: " ") })
    guard digits.count % 2 == 0 else {
        XCTFail("odd number of hex digits", file: file, line: line)
        return []
    }
    return stride(from: 0, to: digits.count, by: 2).map { index in
        guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
            XCTFail("bad hex digits", file: file, line: line)
            return 0
        }
        return byte
    }
}

/// Asserts that `body` throws a ``CQLProtocolError`` with `code`.
func XCTAssertThrowsCQL<T>(
    _ code: CQLProtocolError.Code, _ body: @autoclosure () throws -> T, _ message: String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertThrowsError(try body(), message, file: file, line: line) { error in
        guard let error = error as? CQLProtocolError else {
            return XCTFail("expected CQLProtocolError, got \(error)", file: file, line: line)
        }
        XCTAssertEqual(error.code, code, "\(error)", file: file, line: line)
    }
}
