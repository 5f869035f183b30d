import CassandraDriver
import CQLProtocol

/// Decodes a ``CassandraModel`` value straight from a driver row's cell bytes, by column
/// name, with what ``CassandraDriver/Row/decode(as:)`` would produce: a NULL cell reads as
/// an absent key (optionals become `nil`, other properties throw `keyNotFound`).
///
/// Scalar columns decode through the property type's CQL codec (statically for the standard
/// library's types, which synthesized `Codable` asks for by their own overloads);
/// collections, tuples and user-defined types through ``CQLValueDecoder``, as the general
/// path does. Only the flat keyed shape of synthesized `Codable` is handled: other shapes
/// throw ``UnsupportedShape`` and the caller takes the general path.
final class ColumnDecoder: Decoder {
    /// The type asked for something other than a flat keyed container.
    struct UnsupportedShape: Error {}

    let row: Row
    private let columns: [ResultMetadata.ColumnSpec]
    /// The position looked at first for the next key: properties are usually declared in
    /// the order of the columns, so a lookup is mostly one name comparison.
    private var next = 0
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    private init(row: Row) {
        self.row = row
        columns = row.columns
    }

    /// Decodes `T` from `row`.
    /// - Throws: `DecodingError` as the general path does; ``UnsupportedShape``.
    static func decode<T: Decodable>(_ type: T.Type, from row: Row) throws -> T {
        try T(from: ColumnDecoder(row: row))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Container<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw UnsupportedShape() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw UnsupportedShape() }

    /// The position of the column named `name`: the one after the last found, the last found
    /// again (`decodeIfPresent` asks three times), or the first of that name.
    private func position(of name: String) -> Int? {
        if next < columns.count, columns[next].name == name {
            next += 1
            return next - 1
        }
        if next > 0, columns[next - 1].name == name { return next - 1 }
        guard let position = columns.firstIndex(where: { $0.name == name }) else { return nil }
        next = position + 1
        return position
    }

    /// The non-NULL cell of the column named `name`, its position and type.
    fileprivate func cell(_ name: String) -> (position: Int, bytes: ArraySlice<UInt8>, type: CQLType)? {
        guard let position = position(of: name), let bytes = row.bytes(at: position) else { return nil }
        return (position, bytes, columns[position].type)
    }

    /// Decodes a cell: through the codec of `T` for scalar columns, else through
    /// ``CQLValueDecoder``.
    fileprivate func decode<T: Decodable & CQLDecodable>(_ cell: (position: Int, bytes: ArraySlice<UInt8>, type: CQLType),
                                                        as type: T.Type, key: any CodingKey) throws -> T {
        guard cell.type.isScalar else { return try CQLValueDecoder().decode(T.self, from: try row.value(at: cell.position)) }
        do {
            return try T(cqlBytes: cell.bytes, type: cell.type)
        } catch {
            throw Self.decodingError(error, T.self, key)
        }
    }

    /// Decodes a cell into a type known only at run time.
    fileprivate func decode<T: Decodable>(_ cell: (position: Int, bytes: ArraySlice<UInt8>, type: CQLType), as type: T.Type,
                                          key: any CodingKey) throws -> T {
        if cell.type.isScalar, let decodable = T.self as? any CQLDecodable.Type {
            do {
                guard let value = try decodable.init(cqlBytes: cell.bytes, type: cell.type) as? T else {
                    throw DecodingError.typeMismatch(T.self, .init(codingPath: [key], debugDescription: "expected \(cell.type)"))
                }
                return value
            } catch let error as CQLProtocolError {
                throw Self.decodingError(error, T.self, key)
            }
        }
        return try CQLValueDecoder().decode(T.self, from: try row.value(at: cell.position))
    }

    private static func decodingError(_ error: CQLProtocolError, _ type: Any.Type, _ key: any CodingKey) -> DecodingError {
        let context = DecodingError.Context(codingPath: [key], debugDescription: error.message, underlyingError: error)
        return error.code == .typeMismatch ? DecodingError.typeMismatch(type, context) : DecodingError.dataCorrupted(context)
    }

    private struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: ColumnDecoder
        var codingPath: [any CodingKey] { [] }

        var allKeys: [Key] {
            decoder.columns.indices.compactMap { index in
                decoder.row.bytes(at: index) == nil ? nil : Key(stringValue: decoder.columns[index].name)
            }
        }

        func contains(_ key: Key) -> Bool { decoder.cell(key.stringValue) != nil }
        func decodeNil(forKey key: Key) throws -> Bool { decoder.cell(key.stringValue) == nil }

        private func cell(_ key: Key) throws -> (position: Int, bytes: ArraySlice<UInt8>, type: CQLType) {
            guard let cell = decoder.cell(key.stringValue) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "no field named \(key.stringValue)"))
            }
            return cell
        }

        private func scalar<T: Decodable & CQLDecodable>(_ type: T.Type, _ key: Key) throws -> T {
            try decoder.decode(try cell(key), as: T.self, key: key)
        }

        private func scalarIfPresent<T: Decodable & CQLDecodable>(_ type: T.Type, _ key: Key) throws -> T? {
            guard let cell = decoder.cell(key.stringValue) else { return nil }
            return try decoder.decode(cell, as: T.self, key: key)
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try decoder.decode(try cell(key), as: T.self, key: key)
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let cell = decoder.cell(key.stringValue) else { return nil }
            return try decoder.decode(cell, as: T.self, key: key)
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try scalar(type, key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try scalar(type, key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try scalar(type, key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try scalar(type, key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try scalar(type, key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try scalar(type, key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try scalar(type, key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try scalar(type, key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try scalar(type, key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try scalar(type, key) }

        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try scalarIfPresent(type, key) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try scalarIfPresent(type, key) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try scalarIfPresent(type, key) }
        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try scalarIfPresent(type, key) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try scalarIfPresent(type, key) }
        func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try scalarIfPresent(type, key) }
        func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try scalarIfPresent(type, key) }
        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try scalarIfPresent(type, key) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try scalarIfPresent(type, key) }
        func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try scalarIfPresent(type, key) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey> {
            throw UnsupportedShape()
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw UnsupportedShape() }
        func superDecoder() throws -> any Decoder { throw UnsupportedShape() }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw UnsupportedShape() }
    }
}

extension CQLType {
    /// Whether values of this type are single cells rather than collections, tuples,
    /// vectors, user-defined or custom types.
    var isScalar: Bool {
        switch self {
        case .list, .set, .map, .udt, .tuple, .vector, .custom: false
        default: true
        }
    }
}
