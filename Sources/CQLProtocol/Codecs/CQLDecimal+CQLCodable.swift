extension CQLDecimal: CQLEncodable, CQLDecodable {
    /// Encodes into `decimal` columns.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns.
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        guard case .decimal = type else { throw .typeMismatch(Self.self, type, accepts: "decimal") }
        try CQLValue.decimal(self).encode(as: type, into: &buffer)
    }

    /// Checks that the column type is one this type decodes from.
    /// - Parameter type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns.
    public static func checkCQLType(_ type: CQLType) throws(CQLProtocolError) {
        guard case .decimal = type else { throw .typeMismatch(Self.self, type, accepts: "decimal") }
    }

    /// Decodes a `decimal` column.
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns,
    ///   ``CQLProtocolError/Code/unexpectedNull`` for NULL, ``CQLProtocolError/Code/invalidValue``
    ///   for an empty or malformed value.
    public init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        try Self.checkCQLType(type)
        guard case .decimal(let value) = try Self.nonEmptyValue(bytes, type) else { preconditionFailure("decimal column") }
        self = value
    }
}
