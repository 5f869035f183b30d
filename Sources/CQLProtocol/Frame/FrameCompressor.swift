/// A frame-body compression algorithm negotiated in STARTUP (`COMPRESSION` option).
public protocol FrameCompressor: Sendable {
    /// The name sent in STARTUP, e.g. `lz4`.
    var algorithm: String { get }
    /// Compresses a frame body.
    func compress(_ body: ArraySlice<UInt8>) throws(CQLProtocolError) -> [UInt8]
    /// Decompresses a frame body.
    /// - Parameter maximumLength: The largest decompressed size to accept.
    func decompress(_ body: ArraySlice<UInt8>, maximumLength: Int) throws(CQLProtocolError) -> [UInt8]
}
