/// A Swift type that can be serialized as a CQL value of a given column type.
///
/// Conforming types check the column type from the prepared metadata and throw
/// ``CQLProtocolError/Code/typeMismatch`` when they cannot be stored there, so a wrong
/// bind fails on the client instead of in Cassandra. Integer types may be written to any
/// integer column whose range holds the value.
///
/// ```swift
/// var buffer = CQLBuffer()
/// try Int32(7).encode(into: &buffer, as: .int)   // 00 00 00 07
/// let raw = try Optional<String>.none.cqlRawValue(as: .text)   // .null
/// ```
public protocol CQLEncodable {
    /// Appends the serialized value (without a length prefix) to `buffer`.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column or bind-marker type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` when `Self` cannot be stored as
    ///   `type`, ``CQLProtocolError/Code/invalidValue`` when this particular value cannot
    ///   (out of range, non-ASCII text for `ascii`), and ``CQLProtocolError/Code/unexpectedNull``
    ///   for a `nil` optional, which has no bytes (use ``cqlRawValue(as:)``).
    func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError)

    /// The `[value]` to bind: the serialized bytes, or NULL for a `nil` optional.
    /// - Parameter type: The column or bind-marker type.
    /// - Returns: The raw value.
    /// - Throws: ``CQLProtocolError`` as ``encode(into:as:)`` does.
    func cqlRawValue(as type: CQLType) throws(CQLProtocolError) -> CQLRawValue

    /// Appends the value as a bound `[value]` (native_protocol_v4.spec §3): an `[int]`
    /// length and the serialized bytes, or length -1 (NULL) for a `nil` optional. Binding
    /// writes through this so that a value goes straight into the request's buffer, with no
    /// intermediate array per value.
    /// - Parameters:
    ///   - buffer: The buffer to append to; on error it is left as it was.
    ///   - type: The bind-marker type.
    /// - Throws: ``CQLProtocolError`` as ``encode(into:as:)`` does, except that `nil` is NULL.
    func encodeValue(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError)
}

extension CQLEncodable {
    /// The serialized bytes wrapped as a non-null `[value]`.
    /// - Parameter type: The column or bind-marker type.
    /// - Returns: ``CQLRawValue/bytes(_:)`` with the serialized value.
    /// - Throws: ``CQLProtocolError`` as ``encode(into:as:)`` does.
    public func cqlRawValue(as type: CQLType) throws(CQLProtocolError) -> CQLRawValue {
        var buffer = CQLBuffer()
        try encode(into: &buffer, as: type)
        return .bytes(buffer.bytes)
    }

    /// Writes a length placeholder, the serialized value, then patches the length.
    /// - Parameters:
    ///   - buffer: The buffer to append to; on error it is left as it was.
    ///   - type: The bind-marker type.
    /// - Throws: ``CQLProtocolError`` as ``encode(into:as:)`` does.
    public func encodeValue(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        let start = buffer.writerIndex
        buffer.writeInt(0)
        do {
            try encode(into: &buffer, as: type)
        } catch {
            buffer.truncate(to: start)
            throw error
        }
        guard let length = Int32(exactly: buffer.writerIndex - start - 4) else {
            buffer.truncate(to: start)
            throw CQLProtocolError(.invalidValue, "a value of \(buffer.writerIndex - start - 4) bytes exceeds the 2 GiB [value] limit")
        }
        buffer.setInteger(length, at: start)
    }
}

/// A Swift type that can be created from a serialized CQL value of a given column type.
///
/// NULL decodes only into `Optional`: a non-optional type receiving NULL throws
/// ``CQLProtocolError/Code/unexpectedNull``. A zero-length value for a type with no
/// natural empty form (see ``CQLValue/empty``) throws ``CQLProtocolError/Code/invalidValue``;
/// decode ``CQLValue`` to receive it. Integer types also accept narrower integer columns.
///
/// ```swift
/// let count = try Int(cqlBytes: [0, 0, 0, 7][...], type: .int)   // 7
/// let name = try String?(cqlBytes: nil, type: .text)          // nil
/// ```
public protocol CQLDecodable {
    /// Checks once, before any row is decoded, that `Self` can hold values of `type`
    /// (scylla's `type_check`); ``init(cqlBytes:type:)`` repeats the check.
    /// - Parameter type: The column type from the result metadata.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` naming the accepted column types.
    static func checkCQLType(_ type: CQLType) throws(CQLProtocolError)

    /// Decodes a value.
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type from the result metadata.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` when `Self` cannot hold a `type`
    ///   value, ``CQLProtocolError/Code/unexpectedNull`` for NULL into a non-optional, and
    ///   the errors of ``CQLValue/decode(_:as:)-(ArraySlice<UInt8>?,_)`` for malformed bytes.
    init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError)
}

/// A type that is both ``CQLEncodable`` and ``CQLDecodable``.
public typealias CQLCodable = CQLEncodable & CQLDecodable

extension CQLProtocolError {
    /// A ``Code/typeMismatch`` naming the Swift type, the column type and what it accepts.
    static func typeMismatch(_ swiftType: Any.Type, _ type: CQLType, accepts: String) -> CQLProtocolError {
        CQLProtocolError(.typeMismatch, "\(swiftType) cannot be used with a \(type) column; it accepts \(accepts)")
    }

    /// An ``Code/unexpectedNull`` for decoding NULL into a non-optional type.
    static func unexpectedNull(_ swiftType: Any.Type, _ type: CQLType) -> CQLProtocolError {
        CQLProtocolError(.unexpectedNull, "a \(type) NULL cannot be decoded as \(swiftType); decode \(swiftType)? instead")
    }

    /// An ``Code/invalidValue`` for a zero-length value decoded into a Swift type.
    static func emptyValue(_ swiftType: Any.Type, _ type: CQLType) -> CQLProtocolError {
        CQLProtocolError(
            .invalidValue,
            "the \(type) value is empty (zero bytes), which is neither NULL nor a \(swiftType); decode CQLValue to receive .empty")
    }
}

extension CQLDecodable {
    /// Returns the bytes, throwing ``CQLProtocolError/Code/unexpectedNull`` for NULL.
    static func nonNull(_ bytes: ArraySlice<UInt8>?, _ type: CQLType) throws(CQLProtocolError) -> ArraySlice<UInt8> {
        guard let bytes else { throw .unexpectedNull(Self.self, type) }
        return bytes
    }

    /// Decodes non-NULL bytes through ``CQLValue``, which validates them, mapping
    /// ``CQLValue/empty`` to an error.
    static func nonEmptyValue(_ bytes: ArraySlice<UInt8>?, _ type: CQLType) throws(CQLProtocolError) -> CQLValue {
        let value = try CQLValue.decodeNonNull(try nonNull(bytes, type), as: type)
        if case .empty = value { throw .emptyValue(Self.self, type) }
        return value
    }
}
