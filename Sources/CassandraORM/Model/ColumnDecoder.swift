import CassandraDriver
import CQLProtocol

/// Decodes a ``CassandraModel`` value straight from a driver row's cell bytes, by column
/// name, with what ``CassandraDriver/Row/decode(as:)`` would produce: a NULL cell reads as
/// an absent key (optionals become `nil`, other properties throw `keyNotFound`).
///
/// Scalar columns decode through the property type's CQL codec; collections, tuples and
/// user-defined types through ``CQLValueDecoder``, as the general path does. Only the flat
/// keyed shape of synthesized `Codable` is handled: other shapes throw
/// ``UnsupportedShape`` and the caller takes the general path.
struct ColumnDecoder: Decoder {
    /// The type asked for something other than a flat keyed container.
    struct UnsupportedShape: Error {}

    let row: Row
    /// Column positions by name, from the statement's result metadata; checked against
    /// the row before use.
    let positions: [String: Int]
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Decodes `T` from `row`.
    /// - Throws: `DecodingError` as the general path does; ``UnsupportedShape``.
    static func decode<T: Decodable>(_ type: T.Type, from row: Row, positions: [String: Int]) throws -> T {
        try T(from: ColumnDecoder(row: row, positions: positions))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Container<Key>(decoder: self, columns: row.columns))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw UnsupportedShape() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw UnsupportedShape() }

    private struct Container<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: ColumnDecoder
        let columns: [ResultMetadata.ColumnSpec]
        var codingPath: [any CodingKey] { [] }

        var allKeys: [Key] {
            columns.indices.compactMap { index in
                decoder.row.bytes(at: index) == nil ? nil : Key(stringValue: columns[index].name)
            }
        }

        /// The position of the column named `key`.
        private func position(_ key: Key) -> Int? {
            let name = key.stringValue
            if let position = decoder.positions[name], position < columns.count, columns[position].name == name { return position }
            return columns.firstIndex { $0.name == name }
        }

        /// The non-NULL cell of `key` and its position.
        private func cell(_ key: Key) -> (Int, ArraySlice<UInt8>)? {
            guard let position = position(key), let bytes = decoder.row.bytes(at: position) else { return nil }
            return (position, bytes)
        }

        func contains(_ key: Key) -> Bool { cell(key) != nil }
        func decodeNil(forKey key: Key) throws -> Bool { cell(key) == nil }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let (position, bytes) = cell(key) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "no field named \(key.stringValue)"))
            }
            let columnType = columns[position].type
            if columnType.isScalar, let decodable = T.self as? any CQLDecodable.Type {
                do {
                    guard let value = try decodable.init(cqlBytes: bytes, type: columnType) as? T else {
                        throw DecodingError.typeMismatch(T.self, .init(codingPath: [key], debugDescription: "expected \(columnType)"))
                    }
                    return value
                } catch let error as CQLProtocolError {
                    let context = DecodingError.Context(codingPath: [key], debugDescription: error.message, underlyingError: error)
                    throw error.code == .typeMismatch ? DecodingError.typeMismatch(T.self, context) : DecodingError.dataCorrupted(context)
                }
            }
            return try CQLValueDecoder().decode(T.self, from: try decoder.row.value(at: position))
        }

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
