// Count handling shared by the message decoders. Counts come from the peer, so they are
// checked for sign and bounded by the readable bytes before anything is reserved.
extension CQLBuffer {
    /// Reads an `[int]` count and throws ``CQLProtocolError/Code/invalidValue`` when it is negative.
    mutating func readCount(_ what: String) throws(CQLProtocolError) -> Int {
        let start = readerIndex
        let count = try readInt()
        guard count >= 0 else {
            readerIndex = start
            throw CQLProtocolError(.invalidValue, "negative \(what) \(count)", offset: start)
        }
        return Int(count)
    }

    /// A capacity to reserve for `count` elements that each occupy at least
    /// `minimumElementSize` bytes: never more than the readable bytes can hold.
    func boundedCapacity(_ count: Int, minimumElementSize: Int) -> Int {
        min(count, readableBytes / max(1, minimumElementSize))
    }

    /// Reads a `[byte]` of flags and rejects bits outside `allowed`.
    mutating func readFlagsByte(allowed: UInt8, _ what: String) throws(CQLProtocolError) -> UInt8 {
        let start = readerIndex
        let flags = try readByte()
        guard flags & ~allowed == 0 else {
            readerIndex = start
            throw CQLProtocolError(.invalidValue, "\(what) has undefined bits 0x\(String(flags & ~allowed, radix: 16))", offset: start)
        }
        return flags
    }

    /// Reads an `[int]` of flags and rejects bits outside `allowed`.
    mutating func readFlagsInt(allowed: Int32, _ what: String) throws(CQLProtocolError) -> Int32 {
        let start = readerIndex
        let flags = try readInt()
        guard flags & ~allowed == 0 else {
            readerIndex = start
            throw CQLProtocolError(.invalidValue, "\(what) has undefined bits 0x\(String(flags & ~allowed, radix: 16))", offset: start)
        }
        return flags
    }
}
