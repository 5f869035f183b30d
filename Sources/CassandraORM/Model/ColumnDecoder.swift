#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraDriver
import CQLProtocol

/// Decodes a ``CassandraModel`` value straight from a driver row's cell bytes, by column
/// name, with what ``CassandraDriver/Row/decode(as:)`` would produce: a NULL cell reads as
/// an absent key (optionals become `nil`, other properties throw `keyNotFound`).
///
/// Scalar columns decode through the property type's CQL codec (statically for the standard
/// library's types, which synthesized `Codable` asks for by their own overloads, and
/// straight from the bytes where ``CellBytes`` reads them); collections, tuples and
/// user-defined types through ``CQLValueDecoder``, as the general path does. Only the flat
/// keyed shape of synthesized `Codable` is handled: other shapes throw ``UnsupportedShape``
/// and the caller takes the general path.
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

    /// A non-NULL cell: its position, bytes and column type.
    fileprivate typealias Cell = (position: Int, bytes: ArraySlice<UInt8>, type: CQLType)

    /// The non-NULL cell of the column named `name`.
    fileprivate func cell(_ name: String) -> Cell? {
        guard let position = position(of: name), let bytes = row.bytes(at: position) else { return nil }
        return (position, bytes, columns[position].type)
    }

    /// `direct`, what ``CellBytes`` read from `cell`, or else the cell decoded through the
    /// codec of `T`. Always inlined into the containers' overloads, where `T` is concrete.
    @inline(__always)
    fileprivate func value<T: Decodable & CQLDecodable>(_ cell: Cell, direct: T?, key: any CodingKey) throws -> T {
        if let direct { return direct }
        return try decode(cell, as: T.self, key: key)
    }

    /// Decodes a cell: through the codec of `T` for scalar columns, else through
    /// ``CQLValueDecoder``.
    fileprivate func decode<T: Decodable & CQLDecodable>(_ cell: Cell, as type: T.Type, key: any CodingKey) throws -> T {
        guard cell.type.isScalar else { return try CQLValueDecoder().decode(T.self, from: try row.value(at: cell.position)) }
        do {
            return try T(cqlBytes: cell.bytes, type: cell.type)
        } catch {
            throw Self.decodingError(error, T.self, key)
        }
    }

    /// Decodes a cell into a type known only at run time (`UUID` straight from the bytes).
    fileprivate func decode<T: Decodable>(_ cell: Cell, as type: T.Type, key: any CodingKey) throws -> T {
        if T.self == UUID.self, let uuid: UUID = CellBytes.value(cell.bytes, as: cell.type), let value = uuid as? T { return value }
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

        /// The non-NULL cell of `key`.
        /// - Throws: `keyNotFound` when the row has no such column, or NULL in it.
        private func cell(_ key: Key) throws -> Cell {
            guard let cell = decoder.cell(key.stringValue) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "no field named \(key.stringValue)"))
            }
            return cell
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try decoder.decode(try cell(key), as: T.self, key: key)
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let cell = decoder.cell(key.stringValue) else { return nil }
            return try decoder.decode(cell, as: T.self, key: key)
        }

        // The standard library's scalars: read straight from the bytes where `CellBytes` can,
        // else through their codec, with no dynamic cast.

        /// The scalar in `key`'s cell, read by `read` when it can, else through its codec.
        private func scalar<T: Decodable & CQLDecodable>(_ key: Key, read: (ArraySlice<UInt8>, CQLType) -> T?) throws -> T {
            let cell = try cell(key)
            return try decoder.value(cell, direct: read(cell.bytes, cell.type), key: key)
        }

        /// Like ``scalar(_:read:)``, or `nil` when the row has no such column or NULL in it.
        private func scalarIfPresent<T: Decodable & CQLDecodable>(_ key: Key, read: (ArraySlice<UInt8>, CQLType) -> T?) throws -> T? {
            guard let cell = decoder.cell(key.stringValue) else { return nil }
            return try decoder.value(cell, direct: read(cell.bytes, cell.type), key: key)
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
            try scalar(key, read: CellBytes.value)
        }

        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            try scalar(key, read: CellBytes.value)
        }

        func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
            try scalar(key, read: CellBytes.value)
        }

        func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
            try scalar(key, read: CellBytes.value)
        }

        func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
            try scalar(key, read: CellBytes.value)
        }

        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
            try scalar(key, read: CellBytes.value)
        }

        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
            try scalar(key, read: CellBytes.value)
        }

        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.decode(try cell(key), as: type, key: key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.decode(try cell(key), as: type, key: key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.decode(try cell(key), as: type, key: key) }

        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
            try scalarIfPresent(key, read: CellBytes.value)
        }

        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            try scalarIfPresent(key, read: CellBytes.value)
        }

        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
            try scalarIfPresent(key, read: CellBytes.value)
        }

        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
            try scalarIfPresent(key, read: CellBytes.value)
        }

        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
            try scalarIfPresent(key, read: CellBytes.value)
        }

        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
            try scalarIfPresent(key, read: CellBytes.value)
        }

        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
            try scalarIfPresent(key, read: CellBytes.value)
        }

        func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
            try decoder.cell(key.stringValue).map { cell throws in try decoder.decode(cell, as: type, key: key) }
        }

        func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
            try decoder.cell(key.stringValue).map { cell throws in try decoder.decode(cell, as: type, key: key) }
        }

        func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
            try decoder.cell(key.stringValue).map { cell throws in try decoder.decode(cell, as: type, key: key) }
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
