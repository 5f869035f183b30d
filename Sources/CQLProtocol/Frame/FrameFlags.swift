/// The flags byte of a frame header (native_protocol_v4.spec §2.2).
public struct FrameFlags: OptionSet, Sendable, Hashable {
    /// The raw flag bits.
    public var rawValue: UInt8
    /// Creates flags from raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// 0x01: the body is compressed with the negotiated algorithm.
    public static let compression = FrameFlags(rawValue: 0x01)
    /// 0x02: tracing requested (request) or a tracing id precedes the body (response).
    public static let tracing = FrameFlags(rawValue: 0x02)
    /// 0x04: a `[bytes map]` custom payload precedes the body.
    public static let customPayload = FrameFlags(rawValue: 0x04)
    /// 0x08: a `[string list]` of warnings precedes the body (responses only).
    public static let warning = FrameFlags(rawValue: 0x08)
    /// 0x10: the frame uses a beta protocol version.
    public static let useBeta = FrameFlags(rawValue: 0x10)
}
