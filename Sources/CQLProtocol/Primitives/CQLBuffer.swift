/// A growable byte buffer with a reader index, used for every encode and decode in
/// the protocol layer.
///
/// Writes append at the end; reads consume from ``readerIndex``. Reads never trap on
/// short input: they throw ``CQLProtocolError`` with code ``CQLProtocolError/Code/truncated``
/// and leave the reader index where it was.
///
/// The design decision to keep our own buffer rather than depend on NIOCore's
/// `ByteBuffer` is recorded in `docs/design.md`.
public struct CQLBuffer: Sendable, Hashable {
    /// The bytes written so far, including those already read.
    public private(set) var bytes: [UInt8]
    /// The offset of the next byte to read.
    public var readerIndex: Int

    /// Creates an empty buffer.
    /// - Parameter capacity: Bytes to reserve up front.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
        readerIndex = 0
    }

    /// Creates a buffer over `bytes` with the reader at `readerIndex`.
    init(bytes: [UInt8], readerIndex: Int) {
        self.bytes = bytes
        self.readerIndex = readerIndex
    }

    /// Drops written bytes past `count` (which must not be below the reader index).
    public mutating func truncate(to count: Int) {
        precondition(count >= readerIndex && count <= bytes.count, "truncate outside readable bytes")
        bytes.removeSubrange(count...)
    }

    /// Creates a buffer whose readable bytes are `bytes`.
    public init<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        self.bytes = Array(bytes)
        readerIndex = 0
    }

    /// The number of bytes not yet read.
    @inlinable
    public var readableBytes: Int { bytes.count - readerIndex }

    /// The bytes not yet read.
    public var readableBytesView: ArraySlice<UInt8> { bytes[readerIndex...] }

    /// The number of bytes written, read or not.
    public var writerIndex: Int { bytes.count }

    // MARK: Writing

    /// Appends an integer in big-endian (network) byte order.
    public mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        // Byte by byte rather than `append(contentsOf:)` of the value's raw bytes: the generic
        // sequence append costs about a hundred instructions per integer, and a frame header
        // alone writes five of them.
        var shift = T.bitWidth - 8
        while shift >= 0 {
            bytes.append(UInt8(truncatingIfNeeded: value >> shift))
            shift -= 8
        }
    }

    /// Appends raw bytes.
    public mutating func writeRawBytes<Bytes: Sequence>(_ newBytes: Bytes) where Bytes.Element == UInt8 {
        bytes.append(contentsOf: newBytes)
    }

    /// Appends the readable bytes of another buffer.
    public mutating func writeBuffer(_ other: CQLBuffer) {
        bytes.append(contentsOf: other.readableBytesView)
    }

    /// Overwrites an integer at an absolute offset that has already been written.
    ///
    /// Used to patch length prefixes after a body has been encoded.
    /// - Precondition: `offset + MemoryLayout<T>.size <= writerIndex` (our own invariant, never peer input).
    public mutating func setInteger<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        precondition(offset >= 0 && offset + MemoryLayout<T>.size <= bytes.count, "setInteger outside written bytes")
        withUnsafeBytes(of: value.bigEndian) { source in
            for index in 0..<source.count { bytes[offset + index] = source[index] }
        }
    }

    /// Reserves room for at least `count` more bytes.
    public mutating func reserveCapacity(appending count: Int) {
        bytes.reserveCapacity(bytes.count + count)
    }

    /// Drops the bytes already read, keeping capacity.
    public mutating func discardReadBytes() {
        guard readerIndex > 0 else { return }
        bytes.removeSubrange(0..<readerIndex)
        readerIndex = 0
    }

    /// Removes every byte, keeping capacity, so the buffer can be reused.
    public mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
        readerIndex = 0
    }

    // MARK: Reading

    /// Throws ``CQLProtocolError/Code/truncated`` unless `count` bytes are readable.
    @inlinable
    public func requireReadable(_ count: Int, _ what: @autoclosure () -> String) throws(CQLProtocolError) {
        guard count >= 0 else {
            throw CQLProtocolError(.invalidValue, "negative length \(count) for \(what())", offset: readerIndex)
        }
        guard readableBytes >= count else {
            throw CQLProtocolError(
                .truncated, "need \(count) bytes for \(what()), have \(readableBytes)",
                offset: readerIndex, payload: Array(readableBytesView))
        }
    }

    /// Reads a big-endian integer.
    @inlinable
    public mutating func readInteger<T: FixedWidthInteger>(as type: T.Type = T.self) throws(CQLProtocolError) -> T {
        let size = MemoryLayout<T>.size
        try requireReadable(size, "\(T.self)")
        let start = readerIndex
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: T.self) }
        readerIndex += size
        return T(bigEndian: value)
    }

    /// Reads exactly `count` bytes.
    @inlinable
    public mutating func readRawBytes(count: Int) throws(CQLProtocolError) -> [UInt8] {
        try requireReadable(count, "\(count) raw bytes")
        let result = Array(bytes[readerIndex..<readerIndex + count])
        readerIndex += count
        return result
    }

    /// Reads `count` bytes into a new buffer.
    public mutating func readSlice(count: Int) throws(CQLProtocolError) -> CQLBuffer {
        CQLBuffer(bytes: try readRawBytes(count: count))
    }

    /// Moves the reader index past `count` bytes.
    public mutating func skip(_ count: Int) throws(CQLProtocolError) {
        try requireReadable(count, "skipped bytes")
        readerIndex += count
    }

    /// Reads an integer at an absolute offset without moving the reader index.
    public func getInteger<T: FixedWidthInteger>(at offset: Int, as type: T.Type = T.self) -> T? {
        guard offset >= 0, offset + MemoryLayout<T>.size <= bytes.count else { return nil }
        var value: T = 0
        bytes.withUnsafeBytes { raw in
            withUnsafeMutableBytes(of: &value) { target in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + MemoryLayout<T>.size]))
            }
        }
        return T(bigEndian: value)
    }

    /// Throws ``CQLProtocolError/Code/trailingBytes`` when unread bytes remain.
    public func requireFullyConsumed(_ what: String) throws(CQLProtocolError) {
        guard readableBytes == 0 else {
            throw CQLProtocolError(
                .trailingBytes, "\(readableBytes) unexpected bytes after \(what)",
                offset: readerIndex, payload: Array(readableBytesView))
        }
    }
}
