import XCTest
@testable import CQLProtocol

final class FrameDecoderTests: XCTestCase {
    /// OPTIONS request on stream 1, as laid out in native_protocol_v4.spec §2: version 0x04,
    /// flags 0, stream 0x0001, opcode 0x05, length 0.
    private let optionsFrame: [UInt8] = [0x04, 0x00, 0x00, 0x01, 0x05, 0x00, 0x00, 0x00, 0x00]

    func testDecodesCompleteFrame() throws {
        var buffer = CQLBuffer(bytes: optionsFrame)
        let frame = try XCTUnwrap(try FrameDecoder().decode(from: &buffer))
        XCTAssertEqual(frame.header.opcode, .options)
        XCTAssertEqual(frame.header.stream, 1)
        XCTAssertFalse(frame.header.isResponse)
        XCTAssertEqual(frame.body.readableBytes, 0)
        XCTAssertEqual(buffer.readableBytes, 0)
    }

    func testByteAtATimeYieldsFrameOnlyWhenComplete() throws {
        // READY response on stream 7 followed by SUPPORTED with an empty multimap.
        let bytes: [UInt8] = [0x84, 0, 0, 7, 0x02, 0, 0, 0, 0] + [0x84, 0, 0, 8, 0x06, 0, 0, 0, 2, 0, 0]
        var buffer = CQLBuffer()
        var frames: [Frame] = []
        let decoder = FrameDecoder()
        for byte in bytes {
            buffer.writeRawBytes([byte])
            while let frame = try decoder.decode(from: &buffer) { frames.append(frame) }
        }
        XCTAssertEqual(frames.map(\.header.opcode), [.ready, .supported])
        XCTAssertEqual(frames.map(\.header.stream), [7, 8])
        XCTAssertEqual(frames[1].body.readableBytes, 2)
    }

    func testOversizedLengthIsRejectedBeforeAllocation() {
        var buffer = CQLBuffer(bytes: [0x84, 0, 0, 1, 0x08, 0x7F, 0xFF, 0xFF, 0xFF])
        XCTAssertThrowsError(try FrameDecoder(maximumFrameLength: 1024).decode(from: &buffer)) { error in
            XCTAssertEqual((error as? CQLProtocolError)?.code, .frameTooLarge)
        }
    }

    func testNegativeLengthIsRejected() {
        var buffer = CQLBuffer(bytes: [0x84, 0, 0, 1, 0x08, 0xFF, 0xFF, 0xFF, 0xFE])
        XCTAssertThrowsError(try FrameDecoder().decode(from: &buffer)) { error in
            XCTAssertEqual((error as? CQLProtocolError)?.code, .frameTooLarge)
        }
    }

    func testUnsupportedVersionKeepsHeaderBytes() {
        let header: [UInt8] = [0x05, 0, 0, 3, 0x05, 0, 0, 0, 0]
        var buffer = CQLBuffer(bytes: header)
        XCTAssertThrowsError(try FrameDecoder().decode(from: &buffer)) { error in
            let protocolError = error as? CQLProtocolError
            XCTAssertEqual(protocolError?.code, .unsupportedVersion)
            XCTAssertEqual(protocolError?.payload, header)
        }
    }

    func testUnknownOpcodeIsTypedError() {
        var buffer = CQLBuffer(bytes: [0x04, 0, 0, 1, 0x04, 0, 0, 0, 0])
        XCTAssertThrowsError(try FrameDecoder().decode(from: &buffer)) { error in
            XCTAssertEqual((error as? CQLProtocolError)?.code, .unknownOpcode)
            XCTAssertEqual((error as? CQLProtocolError)?.opcode, 0x04)
        }
    }

    func testCompressedFrameWithoutNegotiationIsRejected() {
        var buffer = CQLBuffer(bytes: [0x84, 0x01, 0, 1, 0x02, 0, 0, 0, 4, 0, 0, 0, 0])
        XCTAssertThrowsError(try FrameDecoder().decode(from: &buffer)) { error in
            XCTAssertEqual((error as? CQLProtocolError)?.code, .compression)
        }
    }

    func testEnvelopeExtrasAreReadInSpecOrder() throws {
        var encoded = CQLBuffer()
        let tracingID = UUID()
        try FrameEncoder().encode(opcode: .result, stream: 2, isResponse: true, tracingID: tracingID,
                                  warnings: ["careful"], customPayload: ["k": [1, 2]], into: &encoded) { body in
            body.writeInt(1)  // RESULT kind Void
        }
        let frame = try XCTUnwrap(try FrameDecoder().decode(from: &encoded))
        XCTAssertEqual(frame.tracingID, tracingID)
        XCTAssertEqual(frame.warnings, ["careful"])
        XCTAssertEqual(frame.customPayload, ["k": [1, 2]])
        var body = frame.body
        XCTAssertEqual(try body.readInt(), 1)
        XCTAssertTrue(frame.header.flags.isSuperset(of: [.tracing, .warning, .customPayload]))
    }

    func testLZ4RoundTripThroughEncoderAndDecoder() throws {
        let text = String(repeating: "SELECT * FROM ks.table WHERE id = ?; ", count: 50)
        var encoded = CQLBuffer()
        try FrameEncoder(compressor: LZ4Compressor()).encode(opcode: .query, stream: 9, isResponse: false, into: &encoded) { body in
            body.writeLongString(text)
        }
        XCTAssertLessThan(encoded.readableBytes, text.utf8.count, "a repetitive body must shrink")
        var frame = try XCTUnwrap(try FrameDecoder(compressor: LZ4Compressor()).decode(from: &encoded))
        XCTAssertEqual(try frame.body.readLongString(), text)
    }

    func testCorruptLZ4BodyIsTypedError() {
        // Announces 100 decompressed bytes, then garbage.
        var buffer = CQLBuffer(bytes: [0x84, 0x01, 0, 1, 0x08, 0, 0, 0, 8, 0, 0, 0, 100, 0xFF, 0xFF, 0xFF, 0xFF])
        XCTAssertThrowsError(try FrameDecoder(compressor: LZ4Compressor()).decode(from: &buffer)) { error in
            XCTAssertEqual((error as? CQLProtocolError)?.code, .compression)
        }
    }
}
