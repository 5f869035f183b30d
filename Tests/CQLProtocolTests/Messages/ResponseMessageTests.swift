import XCTest
@testable import CQLProtocol

final class ResponseMessageTests: XCTestCase {
    func testOpcodes() {
        XCTAssertEqual(ResponseMessage.ready.opcode, .ready)
        XCTAssertEqual(ResponseMessage.error(ServerError(code: .invalid, message: "")).opcode, .error)
        XCTAssertEqual(ResponseMessage.authenticate(.init(authenticator: "")).opcode, .authenticate)
        XCTAssertEqual(ResponseMessage.supported(.init(options: [:])).opcode, .supported)
        XCTAssertEqual(ResponseMessage.result(.void).opcode, .result)
        XCTAssertEqual(ResponseMessage.event(.statusChange(.up, node: .init(address: CQLInetAddress("10.0.0.1")!, port: 9042))).opcode, .event)
        XCTAssertEqual(ResponseMessage.authChallenge(.init(token: nil)).opcode, .authChallenge)
        XCTAssertEqual(ResponseMessage.authSuccess(.init(token: nil)).opcode, .authSuccess)
    }

    func testRequestOpcodeIsUnexpectedMessage() {
        for opcode in Opcode.allCases where opcode.isRequest {
            var body = CQLBuffer()
            XCTAssertThrowsError(try ResponseMessage.decode(opcode: opcode, from: &body)) { error in
                let protocolError = error as? CQLProtocolError
                XCTAssertEqual(protocolError?.code, .unexpectedMessage)
                XCTAssertEqual(protocolError?.opcode, opcode.rawValue)
            }
        }
    }

    func testTrailingBytesRejectedByDefaultAndIgnoredOnRequest() throws {
        let bytes: [UInt8] = [0x00, 0x00, 0x00, 0x01, 0xAB, 0xCD]  // RESULT Void + 2 extra bytes
        var strict = CQLBuffer(bytes: bytes)
        XCTAssertThrowsError(try ResponseMessage.decode(opcode: .result, from: &strict)) { error in
            XCTAssertEqual((error as? CQLProtocolError)?.code, .trailingBytes)
        }
        var lenient = CQLBuffer(bytes: bytes)
        XCTAssertEqual(try ResponseMessage.decode(opcode: .result, from: &lenient, allowTrailingBytes: true), .result(.void))
    }
}
