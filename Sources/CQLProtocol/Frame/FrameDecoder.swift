#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Incremental frame decoder: turns a byte stream into ``Frame``s.
///
/// ``decode(from:)`` returns `nil` when more bytes are needed and leaves the buffer's
/// reader index untouched, so callers can append more bytes and call again. It never
/// trusts a length: a frame longer than ``maximumFrameLength`` is rejected before any
/// allocation, and a compressed body may not expand beyond it either.
public struct FrameDecoder: Sendable {
    /// 256 MiB, Cassandra's default `native_transport_max_frame_size` upper bound.
    public static let defaultMaximumFrameLength = 256 * 1024 * 1024

    /// The body of a RESULT of kind Void (§4.2.5.1), the most common response.
    static let voidResultBody: [UInt8] = [0, 0, 0, 1]

    /// The largest body accepted, compressed or not.
    public var maximumFrameLength: Int
    /// The protocol versions accepted in the header.
    public var supportedVersions: ClosedRange<UInt8>
    /// The negotiated compression, applied to frames that carry the compression flag.
    public var compressor: (any FrameCompressor)?

    /// Creates a decoder.
    public init(maximumFrameLength: Int = defaultMaximumFrameLength, supportedVersions: ClosedRange<UInt8> = 3...4, compressor: (any FrameCompressor)? = nil) {
        self.maximumFrameLength = maximumFrameLength
        self.supportedVersions = supportedVersions
        self.compressor = compressor
    }

    /// Decodes one frame if the buffer holds a complete one.
    ///
    /// - Returns: The frame, or `nil` when more bytes are needed.
    /// - Throws: ``CQLProtocolError`` for an unsupported version (``CQLProtocolError/Code/unsupportedVersion``,
    ///   with the 9 header bytes as payload so a server can answer on the same stream),
    ///   an unknown opcode, an oversized or negative length, a compressed frame without
    ///   negotiated compression, or a malformed envelope. After an error the stream is
    ///   unusable and the connection should be closed.
    public func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> Frame? {
        guard buffer.readableBytes >= FrameHeader.size else { return nil }
        let start = buffer.readerIndex
        // Copied only for errors: every frame would otherwise pay an allocation for them.
        var headerBytes: [UInt8] { Array(buffer.bytes[start..<start + FrameHeader.size]) }
        let version = buffer.bytes[start] & 0x7F
        guard supportedVersions.contains(version) else {
            throw CQLProtocolError(.unsupportedVersion, "Invalid or unsupported protocol version (\(version))",
                                   opcode: buffer.bytes[start + 4], offset: start, payload: headerBytes)
        }
        var header = try FrameHeader.decode(from: &buffer)
        let length = Int(header.length)
        guard length >= 0, length <= maximumFrameLength else {
            buffer.readerIndex = start
            throw CQLProtocolError(.frameTooLarge, "frame body of \(length) bytes outside 0...\(maximumFrameLength)",
                                   opcode: header.opcode.rawValue, offset: start, payload: headerBytes)
        }
        guard buffer.readableBytes >= length else {
            buffer.readerIndex = start
            return nil
        }
        let rawBody = buffer.bytes[buffer.readerIndex..<buffer.readerIndex + length]
        buffer.readerIndex += length

        var body: CQLBuffer
        if header.flags.contains(.compression) {
            guard let compressor else {
                throw CQLProtocolError(.compression, "compressed frame received but no compression was negotiated",
                                       opcode: header.opcode.rawValue, offset: start, payload: headerBytes)
            }
            body = CQLBuffer(bytes: try compressor.decompress(rawBody, maximumLength: maximumFrameLength))
            header.flags.remove(.compression)
        } else if header.opcode == .result && rawBody.elementsEqual(Self.voidResultBody) {
            // The answer to every plain write: share one immutable copy instead of allocating.
            body = CQLBuffer(bytes: Self.voidResultBody, readerIndex: 0)
        } else {
            body = CQLBuffer(bytes: rawBody)
        }

        // The envelope is read into locals and the frame built once: building it first and
        // assigning its fields would copy its references for nothing, on every response.
        var tracingID: UUID?
        var warnings: [String] = []
        var customPayload: [String: [UInt8]]?
        do {
            if header.isResponse && header.flags.contains(.tracing) {
                tracingID = try body.readUUID()
            }
            if header.isResponse && header.flags.contains(.warning) {
                warnings = try body.readStringList()
            }
            if header.flags.contains(.customPayload) {
                customPayload = try body.readBytesMap()
            }
        } catch {
            var error = error
            error.opcode = header.opcode.rawValue
            throw error
        }
        return Frame(header: header, tracingID: tracingID, warnings: warnings, customPayload: customPayload, body: body)
    }
}
