/// An arbitrary-precision decimal: the value of the CQL `decimal` type.
///
/// The value is `unscaled × 10^(-scale)`, as in Java's `BigDecimal` and the wire form of
/// native_protocol_v4.spec §6.5 (an `[int]` scale, then the unscaled value as a varint).
/// Equality compares representations, like `BigDecimal.equals`: `1.5` (15, scale 1) and
/// `1.50` (150, scale 2) are different values.
///
/// Text converts exactly both ways: ``init(_:)`` reads `"-12.345"` or `"1.5E+3"`, and
/// ``description`` writes Java's `BigDecimal.toString` form, which switches to
/// scientific notation for negative scales or very small values so that the text stays
/// short even for a scale such as `Int32.min`.
public struct CQLDecimal: Sendable, Hashable, CustomStringConvertible, LosslessStringConvertible, Codable {
    /// The unscaled integer value.
    public var unscaled: CQLVarint
    /// The power of ten that divides ``unscaled``; negative scales multiply.
    public var scale: Int32

    /// Creates a decimal `unscaled × 10^(-scale)`.
    /// - Parameters:
    ///   - unscaled: The digits as an integer.
    ///   - scale: The number of digits after the decimal point (negative for trailing zeros).
    public init(unscaled: CQLVarint, scale: Int32) {
        self.unscaled = unscaled
        self.scale = scale
    }

    /// Parses decimal text: an optional sign, digits with at most one `.`, and an optional
    /// exponent (`e` or `E`, optional sign, digits). `"1.50"` keeps scale 2; `"1E+3"` has
    /// scale -3. Returns `nil` for other text or when the scale does not fit an `Int32`.
    public init?(_ description: String) {
        var text = Substring(description)
        var exponent: Int64 = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            var exponentText = text[text.index(after: marker)...]
            var negativeExponent = false
            if let sign = exponentText.first, sign == "+" || sign == "-" {
                negativeExponent = sign == "-"
                exponentText = exponentText.dropFirst()
            }
            guard !exponentText.isEmpty, exponentText.count <= 12,
                  exponentText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let magnitude = Int64(exponentText)
            else { return nil }
            exponent = negativeExponent ? -magnitude : magnitude
            text = text[..<marker]
        }
        var negative = false
        if let sign = text.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            text = text.dropFirst()
        }
        var digits: [UInt8] = []
        var fractionDigits: Int64 = 0
        var seenPoint = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else if byte >= 0x30 && byte <= 0x39 {
                digits.append(byte)
                if seenPoint { fractionDigits += 1 }
            } else {
                return nil
            }
        }
        guard !digits.isEmpty, let scale = Int32(exactly: fractionDigits - exponent) else { return nil }
        self.init(unscaled: CQLVarint(magnitude: CQLVarint.limbs(fromDecimalDigits: digits), negative: negative),
                  scale: scale)
    }

    /// The text of Java's `BigDecimal.toString()`: plain notation when the scale is not
    /// negative and the value is not below 10^-6 in magnitude, otherwise scientific
    /// notation such as `1.5E+3` or `1E-10`.
    public var description: String {
        let integer = unscaled.description
        let negative = integer.hasPrefix("-")
        let digits = Array(negative ? integer.dropFirst() : Substring(integer))
        let sign = negative ? "-" : ""
        let adjusted = -Int64(scale) + Int64(digits.count - 1)
        if scale >= 0 && adjusted >= -6 {
            let scale = Int(scale)
            if scale == 0 { return sign + String(digits) }
            if digits.count > scale {
                let point = digits.count - scale
                return sign + String(digits[..<point]) + "." + String(digits[point...])
            }
            return sign + "0." + String(repeating: "0", count: scale - digits.count) + String(digits)
        }
        var mantissa = String(digits[0])
        if digits.count > 1 { mantissa += "." + String(digits[1...]) }
        return sign + mantissa + "E" + (adjusted >= 0 ? "+" : "") + String(adjusted)
    }

    /// Decodes from a single decimal string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = CQLDecimal(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a decimal number")
        }
        self = value
    }

    /// Encodes as a single decimal string (exact, unlike a JSON number).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
