extension CQLRawValue: CQLEncodable {
    /// Writes the raw bytes as they are, whatever the column type: the caller has serialized
    /// them already. NULL and unset have no serialized form.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type (not checked).
    /// - Throws: ``CQLProtocolError/Code/unexpectedNull`` for ``CQLRawValue/null`` and
    ///   ``CQLRawValue/unset``; bind those with ``cqlRawValue(as:)``.
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        guard case .bytes(let bytes) = self else {
            throw CQLProtocolError(.unexpectedNull, "a NULL or unset raw value has no serialized form as \(type)")
        }
        buffer.writeRawBytes(bytes)
    }

    /// The value itself: raw values bind as they are.
    /// - Parameter type: The column type (not checked).
    /// - Returns: `self`.
    public func cqlRawValue(as type: CQLType) throws(CQLProtocolError) -> CQLRawValue {
        self
    }

    /// The value as it is: bytes, NULL or unset.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The bind-marker type (not checked).
    public func encodeValue(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        buffer.writeValue(self)
    }
}
