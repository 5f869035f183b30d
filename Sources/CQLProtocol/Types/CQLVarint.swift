/// An arbitrary-precision integer: the value of the CQL `varint` type.
///
/// Stored exactly as the wire form of native_protocol_v4.spec §6.23: two's-complement,
/// big-endian, in the fewest bytes that keep the sign (so `0` is `00`, `-1` is `ff`,
/// `128` is `00 80`). Because the form is minimal, two varints are equal exactly when
/// their numeric values are equal.
///
/// Decimal text converts both ways without external packages:
/// `CQLVarint("-123456789012345678901234567890")` and ``description``.
/// Both conversions cost time quadratic in the number of digits.
public struct CQLVarint: Sendable, Hashable, CustomStringConvertible, LosslessStringConvertible,
    ExpressibleByIntegerLiteral, Codable
{
    /// The minimal two's-complement big-endian bytes (never empty).
    public private(set) var bytes: [UInt8]

    /// Creates a varint from two's-complement big-endian bytes, dropping redundant sign
    /// bytes. An empty array is zero.
    /// - Parameter twosComplement: The bytes, most significant first.
    public init<Bytes: Collection>(twosComplement: Bytes) where Bytes.Element == UInt8 {
        var bytes = Array(twosComplement)
        if bytes.isEmpty { bytes = [0] }
        self.bytes = Self.minimized(bytes)
    }

    /// Creates a varint with the value of a 64-bit integer.
    public init(_ value: Int64) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8)
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> Int64(shift)))
        }
        self.bytes = Self.minimized(bytes)
    }

    /// Creates a varint with the value of any binary integer.
    public init<T: BinaryInteger>(_ value: T) {
        if let small = Int64(exactly: value) {
            self.init(small)
            return
        }
        // Wider than 64 bits: shift out bytes until only sign bits remain, then add a sign byte.
        let negative = value < 0
        let signFill: T = negative ? ~T.zero : T.zero
        var bytes: [UInt8] = []
        var rest = value
        while rest != signFill {
            bytes.append(UInt8(truncatingIfNeeded: rest & 0xFF))
            rest >>= 8
        }
        bytes.append(negative ? 0xFF : 0x00)
        let bigEndian = Array(bytes.reversed())
        self.init(twosComplement: bigEndian)
    }

    /// Creates a varint from an integer literal.
    public init(integerLiteral value: Int64) { self.init(value) }

    /// Parses optionally signed decimal digits (`"-42"`, `"+7"`, `"0012"`).
    /// Returns `nil` for anything else, including an empty string or embedded spaces.
    public init?(_ description: String) {
        var digits = Substring(description)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let magnitude = Self.limbs(fromDecimalDigits: digits.utf8)
        self.init(magnitude: magnitude, negative: negative)
    }

    /// Whether the value is below zero.
    public var isNegative: Bool { bytes[0] & 0x80 != 0 }

    /// The value as an `Int64`, or `nil` when it does not fit.
    public var int64Value: Int64? {
        guard bytes.count <= 8 else { return nil }
        var value: Int64 = isNegative ? -1 : 0
        for byte in bytes { value = value << 8 | Int64(byte) }
        return value
    }

    /// The value in decimal, with a leading `-` when negative.
    public var description: String {
        if let small = int64Value { return String(small) }
        var limbs = magnitudeLimbs
        var chunks: [UInt32] = []
        while !limbs.isEmpty { chunks.append(Self.divide(&limbs, by: 1_000_000_000)) }
        var text = isNegative ? "-" : ""
        text += String(chunks.last ?? 0)
        for chunk in chunks.dropLast().reversed() {
            let part = String(chunk)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        return text
    }

    /// Decodes from a single decimal string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = CQLVarint(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a decimal integer")
        }
        self = value
    }

    /// Encodes as a single decimal string (exact, unlike a JSON number).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: Magnitude arithmetic on little-endian UInt32 limbs

    /// The absolute value as little-endian 32-bit limbs without leading zero limbs.
    var magnitudeLimbs: [UInt32] {
        var magnitude = bytes
        if isNegative {
            // Two's-complement negation: invert and add one.
            var carry = true
            for index in magnitude.indices.reversed() {
                magnitude[index] = ~magnitude[index]
                if carry {
                    magnitude[index] &+= 1
                    carry = magnitude[index] == 0
                }
            }
        }
        var limbs: [UInt32] = []
        limbs.reserveCapacity(magnitude.count / 4 + 1)
        var index = magnitude.count
        while index > 0 {
            var limb: UInt32 = 0
            for position in max(0, index - 4)..<index { limb = limb << 8 | UInt32(magnitude[position]) }
            limbs.append(limb)
            index -= 4
        }
        while limbs.last == 0 { limbs.removeLast() }
        return limbs
    }

    /// Creates a varint from a magnitude in little-endian limbs and a sign.
    init(magnitude limbs: [UInt32], negative: Bool) {
        var bytes: [UInt8] = [0]
        for limb in limbs.reversed() {
            bytes += [UInt8(limb >> 24), UInt8(truncatingIfNeeded: limb >> 16),
                      UInt8(truncatingIfNeeded: limb >> 8), UInt8(truncatingIfNeeded: limb)]
        }
        if negative {
            var carry = true
            for index in bytes.indices.reversed() {
                bytes[index] = ~bytes[index]
                if carry {
                    bytes[index] &+= 1
                    carry = bytes[index] == 0
                }
            }
        }
        self.bytes = Self.minimized(bytes)
    }

    /// Reads decimal digits (ASCII, already validated) into little-endian limbs.
    static func limbs<Digits: Sequence>(fromDecimalDigits digits: Digits) -> [UInt32] where Digits.Element == UInt8 {
        var limbs: [UInt32] = []
        var chunk: UInt32 = 0
        var chunkDigits = 0
        func flush() {
            var power: UInt32 = 1
            for _ in 0..<chunkDigits { power *= 10 }
            multiplyAdd(&limbs, multiplier: power, addend: chunk)
            chunk = 0
            chunkDigits = 0
        }
        for digit in digits {
            chunk = chunk * 10 + UInt32(digit - 0x30)
            chunkDigits += 1
            if chunkDigits == 9 { flush() }
        }
        if chunkDigits > 0 { flush() }
        return limbs
    }

    /// `limbs = limbs * multiplier + addend`.
    static func multiplyAdd(_ limbs: inout [UInt32], multiplier: UInt32, addend: UInt32) {
        var carry = UInt64(addend)
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(multiplier) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    /// Divides `limbs` in place by `divisor` and returns the remainder.
    static func divide(_ limbs: inout [UInt32], by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            let current = remainder << 32 | UInt64(limbs[index])
            limbs[index] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        while limbs.last == 0 { limbs.removeLast() }
        return UInt32(remainder)
    }

    /// Drops leading bytes that only repeat the sign of the next byte.
    private static func minimized(_ bytes: [UInt8]) -> [UInt8] {
        var start = 0
        while start < bytes.count - 1 {
            let byte = bytes[start], next = bytes[start + 1]
            let redundant = (byte == 0x00 && next & 0x80 == 0) || (byte == 0xFF && next & 0x80 != 0)
            guard redundant else { break }
            start += 1
        }
        return start == 0 ? bytes : Array(bytes[start...])
    }
}
