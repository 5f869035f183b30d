#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Writes frames: header, envelope extras, message body, optional compression.
///
/// Frames are appended to a caller-owned buffer so many frames can be coalesced into
/// one socket write and the buffer reused between writes.
public struct FrameEncoder: Sendable {
    /// The protocol version written in headers.
    public var version: UInt8
    /// The negotiated compression; `nil` until STARTUP has completed with a `COMPRESSION` option.
    public var compressor: (any FrameCompressor)?

    /// Creates an encoder.
    public init(version: UInt8 = 4, compressor: (any FrameCompressor)? = nil) {
        self.version = version
        self.compressor = compressor
    }

    /// Appends one frame to `buffer`.
    ///
    /// - Parameters:
    ///   - opcode: The message kind.
    ///   - stream: The stream id.
    ///   - isResponse: Whether this frame goes from server to client.
    ///   - tracing: For requests, asks the server to trace the request.
    ///   - tracingID: For responses, the tracing session id (sets the tracing flag).
    ///   - warnings: For responses, warnings to attach (sets the warning flag when non-empty).
    ///   - customPayload: A custom payload (sets the custom-payload flag).
    ///   - buffer: The output buffer; the frame is appended.
    ///   - writeBody: Writes the message body.
    public func encode(
        opcode: Opcode, stream: Int16, isResponse: Bool,
        tracing: Bool = false, tracingID: UUID? = nil, warnings: [String] = [], customPayload: [String: [UInt8]]? = nil,
        into buffer: inout CQLBuffer,
        body writeBody: (inout CQLBuffer) -> Void
    ) throws(CQLProtocolError) {
        var flags: FrameFlags = []
        if tracing && !isResponse { flags.insert(.tracing) }
        if isResponse && tracingID != nil { flags.insert(.tracing) }
        if isResponse && !warnings.isEmpty { flags.insert(.warning) }
        if customPayload != nil { flags.insert(.customPayload) }
        let compress = compressor != nil && opcode != .startup && opcode != .options
        if compress { flags.insert(.compression) }

        let headerStart = buffer.writerIndex
        FrameHeader(version: version, isResponse: isResponse, flags: flags, stream: stream, opcode: opcode).encode(into: &buffer)
        let bodyStart = buffer.writerIndex
        if isResponse, let tracingID { buffer.writeUUID(tracingID) }
        if isResponse && !warnings.isEmpty { buffer.writeStringList(warnings) }
        if let customPayload { buffer.writeBytesMap(customPayload) }
        writeBody(&buffer)

        if compress, let compressor {
            let compressed = try compressor.compress(buffer.bytes[bodyStart...])
            buffer.truncate(to: bodyStart)
            buffer.writeRawBytes(compressed)
        }
        let length = buffer.writerIndex - bodyStart
        buffer.setInteger(Int32(length), at: headerStart + 5)
    }
}
