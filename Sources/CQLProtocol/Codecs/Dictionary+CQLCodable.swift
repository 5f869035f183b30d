extension Dictionary: CQLEncodable where Key: CQLEncodable, Value: CQLEncodable {
    /// Encodes into `map` columns, in the dictionary's iteration order (Cassandra sorts maps).
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns and the keys' and
    ///   values' errors (a `nil` value throws, since map values cannot be NULL).
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        guard case .map(let keyType, let valueType) = type else { throw .typeMismatch(Self.self, type, accepts: "map") }
        try buffer.writeCollectionCount(count)
        for (key, value) in self {
            try buffer.writeLengthPrefixed { (body: inout CQLBuffer) throws(CQLProtocolError) in
                try key.encode(into: &body, as: keyType)
            }
            try buffer.writeLengthPrefixed { (body: inout CQLBuffer) throws(CQLProtocolError) in
                try value.encode(into: &body, as: valueType)
            }
        }
    }
}

extension Dictionary: CQLDecodable where Key: CQLDecodable, Value: CQLDecodable {
    /// Checks that the column is a `map` whose key and value types `Key` and `Value` decode.
    /// - Parameter type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns or element types.
    public static func checkCQLType(_ type: CQLType) throws(CQLProtocolError) {
        guard case .map(let keyType, let valueType) = type else { throw .typeMismatch(Self.self, type, accepts: "map") }
        try Key.checkCQLType(keyType)
        try Value.checkCQLType(valueType)
    }

    /// Decodes a `map` column; when a key repeats, the last entry wins.
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns,
    ///   ``CQLProtocolError/Code/unexpectedNull`` for NULL, and ``CQLProtocolError/Code/invalidValue``
    ///   or ``CQLProtocolError/Code/truncated`` for malformed bytes.
    public init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        try Self.checkCQLType(type)
        guard case .map(let keyType, let valueType) = type else { throw .typeMismatch(Self.self, type, accepts: "map") }
        let bytes = try Self.nonNull(bytes, type)
        guard !bytes.isEmpty else { throw .emptyValue(Self.self, type) }
        let entries = try CQLCollectionLayout.entries(bytes)
        self.init(minimumCapacity: entries.count)
        for entry in entries {
            self[try Key(cqlBytes: entry.key, type: keyType)] = try Value(cqlBytes: entry.value, type: valueType)
        }
    }
}
