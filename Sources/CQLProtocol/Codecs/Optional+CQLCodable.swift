// `Optional` is the only Swift type that NULL decodes into.

extension Optional: CQLEncodable where Wrapped: CQLEncodable {
    /// Encodes the wrapped value.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/unexpectedNull`` for `nil`, which has no bytes (bind
    ///   it with ``cqlRawValue(as:)``; collection elements cannot be NULL), and the wrapped
    ///   value's errors.
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        guard let wrapped = self else {
            throw CQLProtocolError(
                .unexpectedNull, "nil has no serialized form as \(type); bind it with cqlRawValue(as:), and keep collection elements non-nil")
        }
        try wrapped.encode(into: &buffer, as: type)
    }

    /// NULL for `nil`, otherwise the wrapped value's bytes.
    /// - Parameter type: The column type.
    /// - Returns: ``CQLRawValue/null`` or the wrapped value's raw value.
    /// - Throws: The wrapped value's errors.
    public func cqlRawValue(as type: CQLType) throws(CQLProtocolError) -> CQLRawValue {
        guard let wrapped = self else { return .null }
        return try wrapped.cqlRawValue(as: type)
    }

    /// NULL (length -1) for `nil`, otherwise the wrapped value's `[value]`.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The bind-marker type.
    /// - Throws: The wrapped value's errors.
    public func encodeValue(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        guard let wrapped = self else {
            buffer.writeInt(-1)
            return
        }
        try wrapped.encodeValue(into: &buffer, as: type)
    }
}

extension Optional: CQLDecodable where Wrapped: CQLDecodable {
    /// Checks the column type against `Wrapped`.
    /// - Parameter type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` as `Wrapped` does.
    public static func checkCQLType(_ type: CQLType) throws(CQLProtocolError) {
        try Wrapped.checkCQLType(type)
    }

    /// Decodes NULL as `nil` and anything else as `Wrapped`.
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Throws: The wrapped type's errors (the type is checked even for NULL).
    public init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        try Wrapped.checkCQLType(type)
        guard let bytes else {
            self = nil
            return
        }
        self = try Wrapped(cqlBytes: bytes, type: type)
    }
}
