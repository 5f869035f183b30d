import XCTest
@testable import CQLProtocol

final class RequestMessageTests: XCTestCase {
    func testOpcodes() {
        XCTAssertEqual(RequestMessage.options.opcode, .options)
        XCTAssertEqual(RequestMessage.startup(.init()).opcode, .startup)
        XCTAssertEqual(RequestMessage.authResponse(.init(token: nil)).opcode, .authResponse)
        XCTAssertEqual(RequestMessage.query(.init(query: "", parameters: .init(consistency: .one))).opcode, .query)
        XCTAssertEqual(RequestMessage.prepare(.init(query: "")).opcode, .prepare)
        XCTAssertEqual(RequestMessage.execute(.init(id: [], parameters: .init(consistency: .one))).opcode, .execute)
        XCTAssertEqual(RequestMessage.batch(.init(type: .logged, statements: [], consistency: .one)).opcode, .batch)
        XCTAssertEqual(RequestMessage.register(.init(eventTypes: [])).opcode, .register)
    }

    func testResponseOpcodeIsUnexpectedMessage() {
        for opcode in Opcode.allCases where !opcode.isRequest {
            var body = CQLBuffer()
            XCTAssertThrowsError(try RequestMessage.decode(opcode: opcode, from: &body)) { error in
                let protocolError = error as? CQLProtocolError
                XCTAssertEqual(protocolError?.code, .unexpectedMessage)
                XCTAssertEqual(protocolError?.opcode, opcode.rawValue)
            }
        }
    }

    func testTrailingBytesAreRejected() {
        // PREPARE "x" followed by a stray byte.
        var body = CQLBuffer(bytes: [0x00, 0x00, 0x00, 0x01, 0x78, 0x00])
        XCTAssertThrowsError(try RequestMessage.decode(opcode: .prepare, from: &body)) { error in
            XCTAssertEqual((error as? CQLProtocolError)?.code, .trailingBytes)
            XCTAssertEqual((error as? CQLProtocolError)?.opcode, Opcode.prepare.rawValue)
        }
    }
}
