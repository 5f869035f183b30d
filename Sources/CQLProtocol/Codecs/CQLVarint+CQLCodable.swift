extension CQLVarint: CQLEncodable, CQLDecodable {
    /// Encodes into `varint` columns, or any integer column whose range holds the value.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for non-integer columns and
    ///   ``CQLProtocolError/Code/invalidValue`` when the value is outside the column's range.
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        switch type {
        case .varint: buffer.writeRawBytes(bytes)
        case .tinyint, .smallint, .int, .bigint, .counter:
            guard let value = int64Value else {
                throw CQLProtocolError(.invalidValue, "\(self) is outside the range of a \(type) column")
            }
            try value.encode(into: &buffer, as: type)
        default:
            throw .typeMismatch(Self.self, type, accepts: "varint, tinyint, smallint, int, bigint or counter")
        }
    }

    /// Checks that the column type is one this type decodes from.
    /// - Parameter type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns.
    public static func checkCQLType(_ type: CQLType) throws(CQLProtocolError) {
        switch type {
        case .varint, .tinyint, .smallint, .int, .bigint, .counter: break
        default: throw .typeMismatch(Self.self, type, accepts: "varint, tinyint, smallint, int, bigint or counter")
        }
    }

    /// Decodes a `varint` column, or any narrower integer column.
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns,
    ///   ``CQLProtocolError/Code/unexpectedNull`` for NULL, ``CQLProtocolError/Code/invalidValue``
    ///   for an empty or malformed value.
    public init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        switch type {
        case .varint:
            guard case .varint(let value) = try Self.nonEmptyValue(bytes, type) else { preconditionFailure("varint column") }
            self = value
        default:
            try Self.checkCQLType(type)
            self.init(try Int64(cqlBytes: bytes, type: type))
        }
    }
}
