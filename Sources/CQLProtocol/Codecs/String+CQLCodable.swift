extension String: CQLEncodable, CQLDecodable {
    /// Encodes into `text` (`varchar`) columns as UTF-8, or into `ascii` columns when
    /// every character is 7-bit.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns and
    ///   ``CQLProtocolError/Code/invalidValue`` for non-ASCII text in an `ascii` column.
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        switch type {
        case .text: buffer.writeRawBytes(utf8)
        case .ascii: try CQLValue.text(self).encode(as: type, into: &buffer)
        default: throw .typeMismatch(Self.self, type, accepts: "text, varchar or ascii")
        }
    }

    /// Checks that the column type is one this type decodes from.
    /// - Parameter type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns.
    public static func checkCQLType(_ type: CQLType) throws(CQLProtocolError) {
        switch type {
        case .text, .ascii: break
        default: throw .typeMismatch(Self.self, type, accepts: "text, varchar or ascii")
        }
    }

    /// Decodes a `text` (`varchar`) or `ascii` column. Zero bytes are the empty string.
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns,
    ///   ``CQLProtocolError/Code/unexpectedNull`` for NULL, ``CQLProtocolError/Code/invalidValue``
    ///   for invalid UTF-8 or a byte above 0x7f in `ascii`.
    public init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        try Self.checkCQLType(type)
        switch try CQLValue.decodeNonNull(try Self.nonNull(bytes, type), as: type) {
        case .text(let text), .ascii(let text): self = text
        case let other: preconditionFailure("text column decoded as \(other.kindName)")
        }
    }
}
