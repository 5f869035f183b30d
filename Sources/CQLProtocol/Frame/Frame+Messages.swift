extension Frame {
    /// Decodes the body as a request (native_protocol_v4.spec §4.1).
    /// - Returns: The message.
    /// - Throws: ``CQLProtocolError`` with ``CQLProtocolError/Code/unexpectedMessage`` when the
    ///   frame is a response, or any error of ``RequestMessage/decode(opcode:from:)``.
    public func decodeRequest() throws(CQLProtocolError) -> RequestMessage {
        guard !header.isResponse else {
            throw CQLProtocolError(.unexpectedMessage, "expected a request frame but the direction bit marks a response",
                                   opcode: header.opcode.rawValue)
        }
        var body = body
        return try RequestMessage.decode(opcode: header.opcode, from: &body)
    }

    /// Decodes the body as a response (native_protocol_v4.spec §4.2).
    /// - Parameter allowTrailingBytes: Whether extra bytes after the message are ignored (§1).
    /// - Returns: The message.
    /// - Throws: ``CQLProtocolError`` with ``CQLProtocolError/Code/unexpectedMessage`` when the
    ///   frame is a request, or any error of ``ResponseMessage/decode(opcode:from:allowTrailingBytes:)``.
    public func decodeResponse(allowTrailingBytes: Bool = false) throws(CQLProtocolError) -> ResponseMessage {
        guard header.isResponse else {
            throw CQLProtocolError(.unexpectedMessage, "expected a response frame but the direction bit marks a request",
                                   opcode: header.opcode.rawValue)
        }
        var body = body
        return try ResponseMessage.decode(opcode: header.opcode, from: &body, allowTrailingBytes: allowTrailingBytes)
    }
}
