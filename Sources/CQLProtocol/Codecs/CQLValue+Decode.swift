#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// Decoding of CQL values from their serialized bytes (native_protocol_v4.spec §6).
extension CQLValue {
    /// Decodes one serialized value.
    ///
    /// Zero bytes decode as the empty string or array for `ascii`, `text`, `blob` and
    /// custom types, and as ``CQLValue/empty`` for every other type.
    /// - Parameters:
    ///   - bytes: The value's bytes (the content of a `[bytes]` or `[value]`); `nil` is NULL.
    ///   - type: The column type from the result or prepared metadata.
    /// - Returns: The value, or `nil` for NULL.
    /// - Throws: ``CQLProtocolError`` with ``CQLProtocolError/Code/invalidValue`` for bytes
    ///   that are not a legal value of `type` (wrong length, bad UTF-8, out-of-range fields),
    ///   ``CQLProtocolError/Code/truncated`` when a nested length runs past the end, and
    ///   ``CQLProtocolError/Code/trailingBytes`` when bytes are left over.
    public static func decode(_ bytes: ArraySlice<UInt8>?, as type: CQLType) throws(CQLProtocolError) -> CQLValue? {
        guard let bytes else { return nil }
        return try decodeNonNull(bytes, as: type)
    }

    /// Decodes one serialized value; see ``decode(_:as:)-(ArraySlice<UInt8>?,_)``.
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Returns: The value, or `nil` for NULL.
    /// - Throws: ``CQLProtocolError`` when the bytes are not a legal value of `type`.
    public static func decode(_ bytes: [UInt8]?, as type: CQLType) throws(CQLProtocolError) -> CQLValue? {
        try decode(bytes?[...], as: type)
    }

    /// Decodes a `[value]`: NULL becomes `nil`.
    /// - Parameters:
    ///   - raw: The raw value.
    ///   - type: The column type.
    /// - Returns: The value, or `nil` for NULL.
    /// - Throws: ``CQLProtocolError/Code/invalidValue`` for an unset value, which only
    ///   bound variables may carry, or when the bytes are not a legal value of `type`.
    public static func decode(_ raw: CQLRawValue, as type: CQLType) throws(CQLProtocolError) -> CQLValue? {
        switch raw {
        case .bytes(let bytes): return try decodeNonNull(bytes[...], as: type)
        case .null: return nil
        case .unset: throw CQLProtocolError(.invalidValue, "an unset value has no content; only bound variables may be unset")
        }
    }

    static func decodeNonNull(_ bytes: ArraySlice<UInt8>, as type: CQLType) throws(CQLProtocolError) -> CQLValue {
        switch type {
        case .ascii:
            guard bytes.allSatisfy({ $0 < 0x80 }) else {
                throw CQLProtocolError(.invalidValue, "ascii value contains a byte above 0x7f", payload: Array(bytes))
            }
            return .ascii(String(decoding: bytes, as: UTF8.self))
        case .text:
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw CQLProtocolError(.invalidValue, "text value is not valid UTF-8", payload: Array(bytes))
            }
            return .text(text)
        case .blob: return .blob(Array(bytes))
        case .custom: return .custom(Array(bytes))
        default:
            if bytes.isEmpty { return .empty }
        }
        switch type {
        case .bigint: return .bigint(try fixed(bytes, as: Int64.self, type))
        case .counter: return .counter(try fixed(bytes, as: Int64.self, type))
        case .timestamp: return .timestamp(try fixed(bytes, as: Int64.self, type))
        case .int: return .int(try fixed(bytes, as: Int32.self, type))
        case .smallint: return .smallint(try fixed(bytes, as: Int16.self, type))
        case .tinyint: return .tinyint(try fixed(bytes, as: Int8.self, type))
        case .double: return .double(Double(bitPattern: try fixed(bytes, as: UInt64.self, type)))
        case .float: return .float(Float(bitPattern: try fixed(bytes, as: UInt32.self, type)))
        case .boolean: return .boolean(try fixed(bytes, as: UInt8.self, type) != 0)
        case .date:
            let raw = try fixed(bytes, as: UInt32.self, type)
            return .date(Int32(bitPattern: raw &- 0x8000_0000))
        case .time:
            let nanos = try fixed(bytes, as: Int64.self, type)
            guard (0..<CQLValue.nanosecondsPerDay).contains(nanos) else {
                throw CQLProtocolError(.invalidValue, "time \(nanos) is outside 0..<86400000000000 nanoseconds", payload: Array(bytes))
            }
            return .time(nanos)
        case .uuid: return .uuid(try uuid(bytes))
        case .timeuuid:
            let value = try uuid(bytes)
            guard value.uuid.6 >> 4 == 1 else {
                throw CQLProtocolError(.invalidValue, "timeuuid value is not a version 1 UUID", payload: Array(bytes))
            }
            return .timeuuid(value)
        case .varint: return .varint(CQLVarint(twosComplement: bytes))
        case .decimal:
            guard bytes.count > 4 else {
                throw CQLProtocolError(.invalidValue, "decimal needs a 4-byte scale and at least one unscaled byte, got \(bytes.count) bytes", payload: Array(bytes))
            }
            let scale = try fixed(bytes.prefix(4), as: Int32.self, type)
            return .decimal(CQLDecimal(unscaled: CQLVarint(twosComplement: bytes.dropFirst(4)), scale: scale))
        case .inet: return .inet(try CQLInetAddress(bytes: Array(bytes)))
        case .duration: return .duration(try duration(bytes))
        case .list(let elementType):
            return .list(try decodeAll(CQLCollectionLayout.elements(bytes, "list"), as: elementType))
        case .set(let elementType):
            return .set(try decodeAll(CQLCollectionLayout.elements(bytes, "set"), as: elementType))
        case .map(let keyType, let valueType):
            var entries: [MapEntry] = []
            for entry in try CQLCollectionLayout.entries(bytes) {
                entries.append(MapEntry(key: try decodeNonNull(entry.key, as: keyType),
                                        value: try decodeNonNull(entry.value, as: valueType)))
            }
            return .map(entries)
        case .udt(let udt):
            let raw = try CQLCollectionLayout.fields(bytes, count: udt.fields.count, "udt \(udt.name)")
            var fields: [Field] = []
            for (declared, field) in zip(udt.fields, raw) {
                fields.append(Field(name: declared.name, value: try decode(field, as: declared.type)))
            }
            return .udt(fields)
        case .tuple(let types):
            let raw = try CQLCollectionLayout.fields(bytes, count: types.count, "tuple")
            var elements: [CQLValue?] = []
            for (elementType, element) in zip(types, raw) { elements.append(try decode(element, as: elementType)) }
            return .tuple(elements)
        case .vector(let elementType, let dimension):
            return .vector(try decodeAll(CQLCollectionLayout.vectorElements(bytes, elementType, dimension: dimension), as: elementType))
        case .ascii, .text, .blob, .custom:
            preconditionFailure("handled above")
        }
    }

    /// Nanoseconds in a day: the exclusive upper bound of `time`.
    static let nanosecondsPerDay: Int64 = 86_400_000_000_000

    private static func fixed<T: FixedWidthInteger>(_ bytes: ArraySlice<UInt8>, as: T.Type, _ type: CQLType) throws(CQLProtocolError) -> T {
        let size = MemoryLayout<T>.size
        guard bytes.count == size else {
            throw CQLProtocolError(.invalidValue, "\(type) value must be \(size) bytes, got \(bytes.count)", payload: Array(bytes))
        }
        var value: T = 0
        for byte in bytes { value = value << 8 | T(truncatingIfNeeded: byte) }
        return value
    }

    private static func uuid(_ bytes: ArraySlice<UInt8>) throws(CQLProtocolError) -> UUID {
        guard bytes.count == 16 else {
            throw CQLProtocolError(.invalidValue, "uuid value must be 16 bytes, got \(bytes.count)", payload: Array(bytes))
        }
        var buffer = CQLBuffer(bytes: bytes)
        return try buffer.readUUID()
    }

    private static func duration(_ bytes: ArraySlice<UInt8>) throws(CQLProtocolError) -> CQLDuration {
        var buffer = CQLBuffer(bytes: bytes)
        let months = try buffer.readVInt(), days = try buffer.readVInt(), nanos = try buffer.readVInt()
        try buffer.requireFullyConsumed("duration")
        guard let months32 = Int32(exactly: months), let days32 = Int32(exactly: days) else {
            throw CQLProtocolError(.invalidValue, "duration months or days outside the 32-bit range", payload: Array(bytes))
        }
        let value = CQLDuration(months: months32, days: days32, nanoseconds: nanos)
        guard value.hasConsistentSigns else {
            throw CQLProtocolError(.invalidValue, "duration components must all have the same sign", payload: Array(bytes))
        }
        return value
    }

    private static func decodeAll(_ elements: [ArraySlice<UInt8>], as type: CQLType) throws(CQLProtocolError) -> [CQLValue] {
        var values: [CQLValue] = []
        values.reserveCapacity(elements.count)
        for element in elements { values.append(try decodeNonNull(element, as: type)) }
        return values
    }
}
