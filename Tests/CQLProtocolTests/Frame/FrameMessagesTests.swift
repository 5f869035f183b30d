import XCTest
@testable import CQLProtocol

final class FrameMessagesTests: XCTestCase {
    /// A REGISTER request frame (native_protocol_v4.spec §2): version 0x04, flags 0, stream 2,
    /// opcode 0x0B, length 17, body [string list] ["STATUS_CHANGE"].
    private let registerFrame: [UInt8] = [0x04, 0x00, 0x00, 0x02, 0x0B, 0x00, 0x00, 0x00, 0x11]
        + [0x00, 0x01, 0x00, 0x0D] + ascii("STATUS_CHANGE")

    /// A RESULT Void response frame with one warning (§2.2 flag 0x08): version 0x84, flags 0x08,
    /// stream 2, opcode 0x08, length 9; body = [string list] ["w"] then [int] kind 1.
    private let voidWithWarningFrame: [UInt8] = [0x84, 0x08, 0x00, 0x02, 0x08, 0x00, 0x00, 0x00, 0x09]
        + [0x00, 0x01, 0x00, 0x01, 0x77]  // warnings
        + [0x00, 0x00, 0x00, 0x01]        // Void

    func testEncodeRequestFrame() throws {
        var buffer = CQLBuffer()
        try FrameEncoder().encode(RequestMessage.register(.init(eventTypes: [.statusChange])), stream: 2, into: &buffer)
        XCTAssertEqual(buffer.bytes, registerFrame)
    }

    func testDecodeRequestFrame() throws {
        var buffer = CQLBuffer(bytes: registerFrame)
        let frame = try XCTUnwrap(try FrameDecoder().decode(from: &buffer))
        XCTAssertEqual(try frame.decodeRequest(), .register(.init(eventTypes: [.statusChange])))
        XCTAssertThrowsError(try frame.decodeResponse()) { error in
            XCTAssertEqual((error as? CQLProtocolError)?.code, .unexpectedMessage)
        }
    }

    func testResponseFrameWithWarningBothDirections() throws {
        var buffer = CQLBuffer()
        try FrameEncoder().encode(ResponseMessage.result(.void), stream: 2, warnings: ["w"], into: &buffer)
        XCTAssertEqual(buffer.bytes, voidWithWarningFrame)

        var input = CQLBuffer(bytes: voidWithWarningFrame)
        let frame = try XCTUnwrap(try FrameDecoder().decode(from: &input))
        XCTAssertEqual(frame.warnings, ["w"])
        XCTAssertEqual(try frame.decodeResponse(), .result(.void))
        XCTAssertThrowsError(try frame.decodeRequest()) { error in
            XCTAssertEqual((error as? CQLProtocolError)?.code, .unexpectedMessage)
        }
    }

    func testCompressedRoundTripThroughFrames() throws {
        let encoder = FrameEncoder(compressor: LZ4Compressor())
        let decoder = FrameDecoder(compressor: LZ4Compressor())
        let query = RequestMessage.query(.init(query: String(repeating: "SELECT * FROM t; ", count: 50),
                                               parameters: .init(consistency: .quorum, pageSize: 100)))
        var buffer = CQLBuffer()
        try encoder.encode(query, stream: 9, tracing: true, into: &buffer)
        let frame = try XCTUnwrap(try decoder.decode(from: &buffer))
        XCTAssertEqual(frame.header.stream, 9)
        XCTAssertTrue(frame.header.flags.contains(.tracing))
        XCTAssertEqual(try frame.decodeRequest(), query)
    }
}
