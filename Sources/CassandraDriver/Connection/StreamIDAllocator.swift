/// Hands out the stream ids of one connection (native_protocol_v4.spec §2.3: a signed
/// 16-bit stream id, non-negative for client requests) and takes them back.
///
/// The ids in use are a bitmap of 64-bit words. Allocation scans for a word that is not
/// full, starting at the word of the previous allocation, and takes that word's lowest
/// clear bit, so the common case touches one or two words; release clears one bit. This
/// is the shape of gocql's `internal/streams`, as a value type without atomics: the
/// connection that owns it is the only writer.
///
/// `allocate()` returns `nil` when `maxInFlight` ids are taken. That is the connection's
/// backpressure signal: the caller waits or tries another connection, and never reuses an
/// id whose response has not arrived.
struct StreamIDAllocator: Sendable, Hashable {
    /// The largest number of stream ids a connection can use at once (ids `0..<32768`).
    static let protocolLimit = 32768

    private static let wordBits = UInt64.bitWidth

    /// How many ids may be in use at once; ids are drawn from `0..<maxInFlight`.
    let maxInFlight: Int
    /// How many ids are in use now.
    private(set) var inUseCount = 0

    private var words: [UInt64]
    private var hint = 0

    /// Creates an allocator with every id free.
    /// - Parameter maxInFlight: the number of ids available, `1...32768`. Values outside
    ///   that range are clamped into it.
    init(maxInFlight: Int = StreamIDAllocator.protocolLimit) {
        let limit = min(max(maxInFlight, 1), Self.protocolLimit)
        self.maxInFlight = limit
        let wordCount = (limit + Self.wordBits - 1) / Self.wordBits
        var words = [UInt64](repeating: 0, count: wordCount)
        // Bits past the limit in the last word are permanently "in use" so that the scan
        // never has to check the bound.
        let usedInLastWord = limit - (wordCount - 1) * Self.wordBits
        if usedInLastWord < Self.wordBits {
            words[wordCount - 1] = ~0 << UInt64(usedInLastWord)
        }
        self.words = words
    }

    /// Whether every id is in use, so that `allocate()` would return `nil`.
    var isExhausted: Bool { inUseCount == maxInFlight }

    /// Takes a free id.
    /// - Returns: an id in `0..<maxInFlight` that is not in use, or `nil` when all are.
    mutating func allocate() -> Int16? {
        guard inUseCount < maxInFlight else { return nil }
        var index = hint
        // A free id exists, so this loop finds a non-full word within one pass.
        while words[index] == .max {
            index += 1
            if index == words.count { index = 0 }
        }
        let bit = (~words[index]).trailingZeroBitCount
        words[index] |= 1 << UInt64(bit)
        inUseCount += 1
        hint = index
        return Int16(index * Self.wordBits + bit)
    }

    /// Gives an id back.
    /// - Parameter id: an id returned by ``allocate()``.
    /// - Returns: `false`, changing nothing, when `id` is out of range or not in use
    ///   (for example a response on a stream this connection never used).
    @discardableResult
    mutating func release(_ id: Int16) -> Bool {
        guard isInUse(id) else { return false }
        let (index, mask) = Self.position(of: id)
        words[index] &= ~mask
        inUseCount -= 1
        if words[hint] == .max { hint = index }
        return true
    }

    /// Whether `id` is currently allocated.
    func isInUse(_ id: Int16) -> Bool {
        guard id >= 0, Int(id) < maxInFlight else { return false }
        let (index, mask) = Self.position(of: id)
        return words[index] & mask != 0
    }

    private static func position(of id: Int16) -> (index: Int, mask: UInt64) {
        let value = Int(id)
        return (value / wordBits, 1 << UInt64(value % wordBits))
    }
}
