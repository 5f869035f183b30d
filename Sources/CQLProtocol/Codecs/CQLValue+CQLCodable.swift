// `CQLValue` itself conforms, so untyped values can be bound and read through the same
// protocols; use `CQLValue?` to receive NULL.

extension CQLValue: CQLEncodable, CQLDecodable {
    /// Encodes this value; see ``encode(as:into:)``.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError`` as ``encode(as:into:)`` does.
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        try encode(as: type, into: &buffer)
    }

    /// Accepts every column type.
    /// - Parameter type: The column type.
    public static func checkCQLType(_ type: CQLType) throws(CQLProtocolError) {}

    /// Decodes any non-NULL value; see ``decode(_:as:)-(ArraySlice<UInt8>?,_)``.
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/unexpectedNull`` for NULL and the decoding errors
    ///   for malformed bytes.
    public init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        self = try CQLValue.decodeNonNull(try Self.nonNull(bytes, type), as: type)
    }
}
