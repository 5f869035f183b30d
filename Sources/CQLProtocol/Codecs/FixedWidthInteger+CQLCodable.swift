// Integer conformances: `Int8` (tinyint), `Int16` (smallint), `Int32` (int),
// `Int64` and `Int` (bigint), and `UInt8` (tinyint 0...127; it exists so that `[UInt8]`
// can be a blob, see Array+CQLCodable.swift). They share one implementation because the
// rules are the same: decode any integer column no wider than the Swift type, and encode
// into any integer column (including varint) whose range holds the value.

extension Int8: CQLEncodable, CQLDecodable {}
extension Int16: CQLEncodable, CQLDecodable {}
extension Int32: CQLEncodable, CQLDecodable {}
extension Int64: CQLEncodable, CQLDecodable {}
extension Int: CQLEncodable, CQLDecodable {}
extension UInt8: CQLEncodable, CQLDecodable {}

extension CQLEncodable where Self: FixedWidthInteger {
    /// Encodes into `tinyint`, `smallint`, `int`, `bigint`, `counter` or `varint` columns.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for non-integer columns and
    ///   ``CQLProtocolError/Code/invalidValue`` when the value is outside the column's range.
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        // Written directly, not through `CQLValue`: integers are the most common bound values.
        switch type {
        case .tinyint: buffer.writeInteger(try narrowed(to: Int8.self, type))
        case .smallint: buffer.writeInteger(try narrowed(to: Int16.self, type))
        case .int: buffer.writeInteger(try narrowed(to: Int32.self, type))
        case .bigint, .counter: buffer.writeInteger(try narrowed(to: Int64.self, type))
        case .varint: buffer.writeRawBytes(CQLVarint(self).bytes)
        default: throw .typeMismatch(Self.self, type, accepts: "tinyint, smallint, int, bigint, counter or varint")
        }
    }

    private func narrowed<Narrow: FixedWidthInteger>(to: Narrow.Type, _ type: CQLType) throws(CQLProtocolError) -> Narrow {
        guard let value = Narrow(exactly: self) else {
            throw CQLProtocolError(.invalidValue, "\(self) is outside the range of a \(type) column")
        }
        return value
    }
}

extension CQLDecodable where Self: FixedWidthInteger {
    /// Checks that the column type is one this type decodes from.
    /// - Parameter type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for non-integer columns and
    ///   integer columns wider than `Self`.
    public static func checkCQLType(_ type: CQLType) throws(CQLProtocolError) {
        let width: Int
        switch type {
        case .tinyint: width = 8
        case .smallint: width = 16
        case .int: width = 32
        case .bigint, .counter: width = 64
        default: width = Int.max
        }
        guard width <= Self.bitWidth else {
            throw .typeMismatch(Self.self, type, accepts: Self.acceptedIntegerColumns)
        }
    }

    /// Decodes an integer column no wider than `Self` (`Int64` and `Int` also read `counter`).
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns,
    ///   ``CQLProtocolError/Code/unexpectedNull`` for NULL, and
    ///   ``CQLProtocolError/Code/invalidValue`` for malformed bytes or, for `UInt8`, a negative value.
    public init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        try Self.checkCQLType(type)
        let wide: Int64
        switch try Self.nonEmptyValue(bytes, type) {
        case .tinyint(let value): wide = Int64(value)
        case .smallint(let value): wide = Int64(value)
        case .int(let value): wide = Int64(value)
        case .bigint(let value), .counter(let value): wide = value
        case let other: preconditionFailure("integer column decoded as \(other.kindName)")
        }
        guard let value = Self(exactly: wide) else {
            throw CQLProtocolError(.invalidValue, "\(type) value \(wide) does not fit in \(Self.self)")
        }
        self = value
    }

    private static var acceptedIntegerColumns: String {
        switch bitWidth {
        case ..<16: "tinyint"
        case ..<32: "tinyint or smallint"
        case ..<64: "tinyint, smallint or int"
        default: "tinyint, smallint, int, bigint or counter"
        }
    }
}
