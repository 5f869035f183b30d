import CLZ4

/// lz4 frame-body compression in the protocol v4 format: a 4-byte big-endian
/// uncompressed length followed by one lz4 block (native_protocol_v4.spec §5).
public struct LZ4Compressor: FrameCompressor {
    /// Creates the compressor.
    public init() {}

    /// `lz4`.
    public var algorithm: String { "lz4" }

    /// Compresses `body` into the v4 lz4 layout.
    public func compress(_ body: ArraySlice<UInt8>) throws(CQLProtocolError) -> [UInt8] {
        guard body.count <= Int(LZ4_MAX_INPUT_SIZE) else {
            throw CQLProtocolError(.compression, "body of \(body.count) bytes exceeds lz4's maximum input")
        }
        let bound = Int(LZ4_compressBound(Int32(body.count)))
        var output = [UInt8](repeating: 0, count: 4 + bound)
        let length = UInt32(body.count).bigEndian
        withUnsafeBytes(of: length) { for index in 0..<4 { output[index] = $0[index] } }
        let written = body.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                source.baseAddress.map { base in
                    LZ4_compress_default(
                        UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                        UnsafeMutableRawPointer(target.baseAddress! + 4).assumingMemoryBound(to: CChar.self),
                        Int32(body.count), Int32(bound))
                } ?? 0
            }
        }
        guard written > 0 || body.isEmpty else {
            throw CQLProtocolError(.compression, "lz4 compression failed")
        }
        output.removeLast(bound - Int(written))
        return output
    }

    /// Decompresses a v4 lz4 body.
    /// - Throws: ``CQLProtocolError/Code/compression`` when the block is corrupt or its
    ///   announced length exceeds `maximumLength`.
    public func decompress(_ body: ArraySlice<UInt8>, maximumLength: Int) throws(CQLProtocolError) -> [UInt8] {
        guard body.count >= 4 else {
            throw CQLProtocolError(.compression, "lz4 body shorter than its 4-byte length", payload: Array(body))
        }
        let start = body.startIndex
        let announced = Int(UInt32(body[start]) << 24 | UInt32(body[start + 1]) << 16 | UInt32(body[start + 2]) << 8 | UInt32(body[start + 3]))
        guard announced <= maximumLength else {
            throw CQLProtocolError(.frameTooLarge, "lz4 body announces \(announced) bytes, above the \(maximumLength)-byte limit")
        }
        if announced == 0 { return [] }
        var output = [UInt8](repeating: 0, count: announced)
        let compressedCount = body.count - 4
        let produced = body.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                LZ4_decompress_safe(
                    UnsafeRawPointer(source.baseAddress! + 4).assumingMemoryBound(to: CChar.self),
                    UnsafeMutableRawPointer(target.baseAddress!).assumingMemoryBound(to: CChar.self),
                    Int32(compressedCount), Int32(announced))
            }
        }
        guard produced == announced else {
            throw CQLProtocolError(.compression, "corrupt lz4 block (decoded \(produced) of \(announced) bytes)",
                                   payload: Array(body.prefix(CQLProtocolError.maximumPayloadLength)))
        }
        return output
    }
}
