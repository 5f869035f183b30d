extension CQLDuration: CQLEncodable, CQLDecodable {
    /// Encodes into `duration` columns.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns and
    ///   ``CQLProtocolError/Code/invalidValue`` when the components differ in sign.
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        guard case .duration = type else { throw .typeMismatch(Self.self, type, accepts: "duration") }
        try CQLValue.duration(self).encode(as: type, into: &buffer)
    }

    /// Checks that the column type is one this type decodes from.
    /// - Parameter type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns.
    public static func checkCQLType(_ type: CQLType) throws(CQLProtocolError) {
        guard case .duration = type else { throw .typeMismatch(Self.self, type, accepts: "duration") }
    }

    /// Decodes a `duration` column.
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns,
    ///   ``CQLProtocolError/Code/unexpectedNull`` for NULL, ``CQLProtocolError/Code/invalidValue``
    ///   for an empty or malformed value.
    public init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        try Self.checkCQLType(type)
        guard case .duration(let value) = try Self.nonEmptyValue(bytes, type) else { preconditionFailure("duration column") }
        self = value
    }
}
