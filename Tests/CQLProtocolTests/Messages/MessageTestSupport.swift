import XCTest
@testable import CQLProtocol

// Helpers shared by the message tests. Golden vectors are hand-written byte literals; these
// helpers only run them through the index decoders and encoders.

/// The UTF-8 bytes of `text`, without a length prefix (golden vectors spell lengths by hand).
func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Decodes `bytes` as a request, requiring full consumption.
func decodeRequest(_ opcode: Opcode, _ bytes: [UInt8]) throws(CQLProtocolError) -> RequestMessage {
    var buffer = CQLBuffer(bytes: bytes)
    return try RequestMessage.decode(opcode: opcode, from: &buffer)
}

/// Decodes `bytes` as a response, requiring full consumption.
func decodeResponse(_ opcode: Opcode, _ bytes: [UInt8]) throws(CQLProtocolError) -> ResponseMessage {
    var buffer = CQLBuffer(bytes: bytes)
    return try ResponseMessage.decode(opcode: opcode, from: &buffer)
}

/// The body bytes `message` encodes to.
func encoded(_ message: RequestMessage) -> [UInt8] {
    var buffer = CQLBuffer()
    message.encode(into: &buffer)
    return buffer.bytes
}

/// The body bytes `message` encodes to.
func encoded(_ message: ResponseMessage) -> [UInt8] {
    var buffer = CQLBuffer()
    message.encode(into: &buffer)
    return buffer.bytes
}

/// Checks a golden vector in both directions: the bytes decode to `message`, and `message`
/// encodes to the bytes.
func assertGolden(_ bytes: [UInt8], _ message: RequestMessage, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(try decodeRequest(message.opcode, bytes), message, "decode", file: file, line: line)
    XCTAssertEqual(encoded(message), bytes, "encode", file: file, line: line)
}

/// Checks a golden vector in both directions.
func assertGolden(_ bytes: [UInt8], _ message: ResponseMessage, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(try decodeResponse(message.opcode, bytes), message, "decode", file: file, line: line)
    XCTAssertEqual(encoded(message), bytes, "encode", file: file, line: line)
}

/// Checks that `message` survives encode then decode.
func assertRoundTrip(_ message: RequestMessage, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(try decodeRequest(message.opcode, encoded(message)), message, file: file, line: line)
}

/// Checks that `message` survives encode then decode.
func assertRoundTrip(_ message: ResponseMessage, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(try decodeResponse(message.opcode, encoded(message)), message, file: file, line: line)
}

/// Checks that every strict prefix of `bytes` throws (with `code`, when given) instead of
/// decoding or trapping, and that one extra byte throws ``CQLProtocolError/Code/trailingBytes``.
func assertStrictPrefixesAndTrailingByteThrow(
    _ bytes: [UInt8], opcode: Opcode, code: CQLProtocolError.Code? = .truncated,
    file: StaticString = #filePath, line: UInt = #line
) {
    let decode: ([UInt8]) throws(CQLProtocolError) -> Void = { (input) throws(CQLProtocolError) in
        if opcode.isRequest { _ = try decodeRequest(opcode, input) } else { _ = try decodeResponse(opcode, input) }
    }
    for length in 0..<bytes.count {
        do {
            try decode(Array(bytes.prefix(length)))
            XCTFail("prefix of \(length)/\(bytes.count) bytes decoded", file: file, line: line)
        } catch {
            if let code { XCTAssertEqual(error.code, code, "prefix \(length): \(error)", file: file, line: line) }
            XCTAssertEqual(error.opcode, opcode.rawValue, file: file, line: line)
        }
    }
    do {
        try decode(bytes + [0x00])
        XCTFail("trailing byte accepted", file: file, line: line)
    } catch {
        XCTAssertEqual(error.code, .trailingBytes, "\(error)", file: file, line: line)
    }
}

/// Checks that decoding `bytes` throws `code`.
func assertDecodeThrows(
    _ bytes: [UInt8], opcode: Opcode, _ code: CQLProtocolError.Code,
    file: StaticString = #filePath, line: UInt = #line
) {
    do {
        if opcode.isRequest { _ = try decodeRequest(opcode, bytes) } else { _ = try decodeResponse(opcode, bytes) }
        XCTFail("decoded", file: file, line: line)
    } catch {
        XCTAssertEqual(error.code, code, "\(error)", file: file, line: line)
    }
}
