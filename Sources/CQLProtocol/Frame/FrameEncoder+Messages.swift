#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension FrameEncoder {
    /// Appends a request frame carrying `message` (native_protocol_v4.spec §2, §4.1).
    ///
    /// - Parameters:
    ///   - message: The request.
    ///   - stream: The stream id (non-negative for requests, §2.3).
    ///   - tracing: Asks the server to trace the request (§2.2 flag 0x02).
    ///   - customPayload: A custom payload for the server's query handler (§2.2 flag 0x04).
    ///   - buffer: The output buffer; the frame is appended.
    /// - Throws: ``CQLProtocolError`` when compression fails.
    public func encode(_ message: RequestMessage, stream: Int16, tracing: Bool = false,
                       customPayload: [String: [UInt8]]? = nil, into buffer: inout CQLBuffer) throws(CQLProtocolError) {
        try encode(opcode: message.opcode, stream: stream, isResponse: false, tracing: tracing,
                   customPayload: customPayload, into: &buffer) { message.encode(into: &$0) }
    }

    /// Appends a response frame carrying `message` (native_protocol_v4.spec §2, §4.2).
    ///
    /// - Parameters:
    ///   - message: The response.
    ///   - stream: The request's stream id, or -1 for EVENTs (§2.3).
    ///   - tracingID: The tracing session id when the request asked for tracing (§2.2 flag 0x02).
    ///   - warnings: Server warnings (§2.2 flag 0x08).
    ///   - customPayload: A custom payload (§2.2 flag 0x04).
    ///   - buffer: The output buffer; the frame is appended.
    /// - Throws: ``CQLProtocolError`` when compression fails.
    public func encode(_ message: ResponseMessage, stream: Int16, tracingID: UUID? = nil, warnings: [String] = [],
                       customPayload: [String: [UInt8]]? = nil, into buffer: inout CQLBuffer) throws(CQLProtocolError) {
        try encode(opcode: message.opcode, stream: stream, isResponse: true, tracingID: tracingID, warnings: warnings,
                   customPayload: customPayload, into: &buffer) { message.encode(into: &$0) }
    }
}
