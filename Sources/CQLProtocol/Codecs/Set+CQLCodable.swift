extension Set: CQLEncodable where Element: CQLEncodable {
    /// Encodes into `set` or `list` columns, in the set's iteration order (Cassandra sorts sets).
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns and the elements' errors.
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        switch type {
        case .set, .list: try Array(self).encode(into: &buffer, as: type)
        default: throw .typeMismatch(Self.self, type, accepts: "set or list")
        }
    }
}

extension Set: CQLDecodable where Element: CQLDecodable {
    /// Checks that the column is a `set` or `list` of a type `Element` decodes.
    /// - Parameter type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns or element types.
    public static func checkCQLType(_ type: CQLType) throws(CQLProtocolError) {
        switch type {
        case .set(let elementType), .list(let elementType): try Element.checkCQLType(elementType)
        default: throw .typeMismatch(Self.self, type, accepts: "set or list")
        }
    }

    /// Decodes a `set` or `list` column; duplicate elements collapse.
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Throws: as ``Swift/Array/init(cqlBytes:type:)`` does.
    public init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        try Self.checkCQLType(type)
        self.init(try [Element](cqlBytes: bytes, type: type))
    }
}
