import XCTest
@testable import CQLProtocol

final class BoolCQLCodableTests: XCTestCase {
    func testBytes() throws {
        XCTAssertEqual(try cqlBytes(true, as: .boolean), [1])
        XCTAssertEqual(try cqlBytes(false, as: .boolean), [0])
        XCTAssertEqual(try Bool(cqlBytes: [0x02][...], type: .boolean), true)
        XCTAssertEqual(try Bool(cqlBytes: [0x00][...], type: .boolean), false)
    }

    func testErrors() {
        XCTAssertThrowsCQL(.typeMismatch, try Bool(cqlBytes: [1][...], type: .tinyint))
        XCTAssertThrowsCQL(.typeMismatch, try cqlBytes(true, as: .int))
        XCTAssertThrowsCQL(.unexpectedNull, try Bool(cqlBytes: nil, type: .boolean))
        XCTAssertThrowsCQL(.invalidValue, try Bool(cqlBytes: [0, 1][...], type: .boolean))
        XCTAssertThrowsCQL(.invalidValue, try Bool(cqlBytes: [][...], type: .boolean))
    }
}
