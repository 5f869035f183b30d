#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// Scalar cells read straight from their bytes, for the column types of a fixed layout: what
/// the CQL codecs read, without the ``CQLProtocol/CQLValue`` they decode through (an
/// indirect enum, so a heap box per value). Each reader returns `nil` for bytes of another
/// length or invalid UTF-8, which the caller leaves to the codec, to read or to report.
enum CellBytes {
    /// A `text` cell.
    static func text(_ bytes: ArraySlice<UInt8>) -> String? {
        // ASCII, the common case, is valid UTF-8: it skips the generic validator, which costs
        // about a thousand instructions for a short string.
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    /// A `bigint` or `counter` cell.
    static func int64(_ bytes: ArraySlice<UInt8>) -> Int64? {
        bytes.count == 8 ? Int64(bitPattern: bigEndian(bytes)) : nil
    }

    /// An `int` cell.
    static func int32(_ bytes: ArraySlice<UInt8>) -> Int32? {
        bytes.count == 4 ? Int32(truncatingIfNeeded: bigEndian(bytes)) : nil
    }

    /// A `double` cell.
    static func double(_ bytes: ArraySlice<UInt8>) -> Double? {
        bytes.count == 8 ? Double(bitPattern: bigEndian(bytes)) : nil
    }

    /// A `float` cell.
    static func float(_ bytes: ArraySlice<UInt8>) -> Float? {
        bytes.count == 4 ? Float(bitPattern: UInt32(truncatingIfNeeded: bigEndian(bytes))) : nil
    }

    /// A `boolean` cell: any byte but zero is true.
    static func bool(_ bytes: ArraySlice<UInt8>) -> Bool? {
        bytes.count == 1 ? bytes.first! != 0 : nil
    }

    /// A `uuid` cell (not `timeuuid`, whose codec checks the version).
    static func uuid(_ bytes: ArraySlice<UInt8>) -> UUID? {
        guard bytes.count == 16 else { return nil }
        let b = bytes, s = bytes.startIndex
        return UUID(uuid: (b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7],
                           b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15]))
    }

    /// Up to eight bytes read as a big-endian unsigned integer.
    private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes { value = value << 8 | UInt64(byte) }
        return value
    }
}

extension CellBytes {
    /// A `text` cell as a `String`; `nil` for other columns and irregular bytes.
    static func value(_ bytes: ArraySlice<UInt8>, as type: CQLType) -> String? {
        guard case .text = type else { return nil }
        return text(bytes)
    }

    /// A `bigint` or `counter` cell as an `Int64`; `nil` for other columns and irregular bytes.
    static func value(_ bytes: ArraySlice<UInt8>, as type: CQLType) -> Int64? {
        switch type {
        case .bigint, .counter: int64(bytes)
        default: nil
        }
    }

    /// A `bigint` or `counter` cell as an `Int`; `nil` for other columns and irregular bytes.
    static func value(_ bytes: ArraySlice<UInt8>, as type: CQLType) -> Int? {
        (value(bytes, as: type) as Int64?).flatMap { Int(exactly: $0) }
    }

    /// An `int` cell as an `Int32`; `nil` for other columns and irregular bytes.
    static func value(_ bytes: ArraySlice<UInt8>, as type: CQLType) -> Int32? {
        guard case .int = type else { return nil }
        return int32(bytes)
    }

    /// A `double` cell as a `Double`; `nil` for other columns and irregular bytes.
    static func value(_ bytes: ArraySlice<UInt8>, as type: CQLType) -> Double? {
        guard case .double = type else { return nil }
        return double(bytes)
    }

    /// A `float` cell as a `Float`; `nil` for other columns and irregular bytes.
    static func value(_ bytes: ArraySlice<UInt8>, as type: CQLType) -> Float? {
        guard case .float = type else { return nil }
        return float(bytes)
    }

    /// A `boolean` cell as a `Bool`; `nil` for other columns and irregular bytes.
    static func value(_ bytes: ArraySlice<UInt8>, as type: CQLType) -> Bool? {
        guard case .boolean = type else { return nil }
        return bool(bytes)
    }

    /// A `uuid` cell as a `UUID`; `nil` for other columns and irregular bytes.
    static func value(_ bytes: ArraySlice<UInt8>, as type: CQLType) -> UUID? {
        guard case .uuid = type else { return nil }
        return uuid(bytes)
    }
}
