// `Float` (float) and `Double` (double). `Double` also reads and writes `float`
// columns when no precision is lost: reading widens exactly, and writing a `Double`
// into a `float` column is refused, because it would round.

extension Float: CQLEncodable, CQLDecodable {
    /// Encodes into `float` or (widened exactly) `double` columns.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns.
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        switch type {
        case .float: buffer.writeInteger(bitPattern)
        case .double: buffer.writeInteger(Double(self).bitPattern)
        default: throw .typeMismatch(Self.self, type, accepts: "float or double")
        }
    }

    /// Checks that the column type is one this type decodes from.
    /// - Parameter type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns.
    public static func checkCQLType(_ type: CQLType) throws(CQLProtocolError) {
        guard case .float = type else { throw .typeMismatch(Self.self, type, accepts: "float") }
    }

    /// Decodes a `float` column.
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns,
    ///   ``CQLProtocolError/Code/unexpectedNull`` for NULL, ``CQLProtocolError/Code/invalidValue``
    ///   for a length other than 4.
    public init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        try Self.checkCQLType(type)
        guard case .float(let value) = try Self.nonEmptyValue(bytes, type) else { preconditionFailure("float column") }
        self = value
    }
}

extension Double: CQLEncodable, CQLDecodable {
    /// Encodes into `double` columns.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns (including
    ///   `float`, which would lose precision: convert to `Float` explicitly).
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        guard case .double = type else { throw .typeMismatch(Self.self, type, accepts: "double (use Float for float)") }
        buffer.writeInteger(bitPattern)
    }

    /// Checks that the column type is one this type decodes from.
    /// - Parameter type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns.
    public static func checkCQLType(_ type: CQLType) throws(CQLProtocolError) {
        switch type {
        case .double, .float: break
        default: throw .typeMismatch(Self.self, type, accepts: "double or float")
        }
    }

    /// Decodes a `double` or (widened exactly) `float` column.
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns,
    ///   ``CQLProtocolError/Code/unexpectedNull`` for NULL, ``CQLProtocolError/Code/invalidValue``
    ///   for a wrong length.
    public init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        try Self.checkCQLType(type)
        switch try Self.nonEmptyValue(bytes, type) {
        case .double(let value): self = value
        case .float(let value): self = Double(value)
        case let other: preconditionFailure("floating-point column decoded as \(other.kindName)")
        }
    }
}
