#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A decoded frame: header, envelope extras and the (decompressed) message body.
///
/// The envelope extras (tracing id, warnings, custom payload) are read off the front of
/// the body by ``FrameDecoder`` and written by ``FrameEncoder`` according to the flags,
/// in the order native_protocol_v4.spec §2.2 gives: tracing id, warnings, custom payload.
public struct Frame: Sendable, Hashable {
    /// The header. `length` is the length on the wire.
    public var header: FrameHeader
    /// The tracing session id (responses with the tracing flag).
    public var tracingID: UUID?
    /// Server warnings (responses with the warning flag).
    public var warnings: [String]
    /// The custom payload (frames with the custom-payload flag).
    public var customPayload: [String: [UInt8]]?
    /// The message body, positioned at the start of the message.
    public var body: CQLBuffer

    /// Creates a frame.
    public init(header: FrameHeader, tracingID: UUID? = nil, warnings: [String] = [], customPayload: [String: [UInt8]]? = nil, body: CQLBuffer) {
        self.header = header
        self.tracingID = tracingID
        self.warnings = warnings
        self.customPayload = customPayload
        self.body = body
    }
}
