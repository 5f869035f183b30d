extension Bool: CQLEncodable, CQLDecodable {
    /// Encodes into `boolean` columns as one byte, `01` or `00`.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns.
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        guard case .boolean = type else { throw .typeMismatch(Self.self, type, accepts: "boolean") }
        buffer.writeInteger(UInt8(self ? 1 : 0))
    }

    /// Checks that the column type is one this type decodes from.
    /// - Parameter type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns.
    public static func checkCQLType(_ type: CQLType) throws(CQLProtocolError) {
        guard case .boolean = type else { throw .typeMismatch(Self.self, type, accepts: "boolean") }
    }

    /// Decodes a `boolean` column; any non-zero byte is `true`, as in Cassandra.
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns,
    ///   ``CQLProtocolError/Code/unexpectedNull`` for NULL, ``CQLProtocolError/Code/invalidValue``
    ///   for a length other than 1.
    public init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        try Self.checkCQLType(type)
        guard case .boolean(let value) = try Self.nonEmptyValue(bytes, type) else { preconditionFailure("boolean column") }
        self = value
    }
}
