import CQLProtocol

/// Encodes a ``CassandraModel`` value straight into the serialized values of its columns,
/// one slot per position of the model's ``ColumnLayout``: no intermediate dictionaries of
/// ``CQLValue``s or ``ORMValue``s.
///
/// Every property the type encodes fills its column's slot, and a `nil` optional fills it
/// with NULL (`encodeIfPresent` is overridden for that); columns the type does not encode
/// stay `nil`. Properties with a CQL codec are serialized by it; others (structs for
/// user-defined types, …) go through ``CQLValueEncoder`` for their column type.
///
/// Only the flat keyed shape of synthesized `Codable` is handled: a type that asks for a
/// nested or super encoder at the top level, or for an unkeyed or single-value container,
/// makes ``encode(_:)`` return `nil`, and the caller takes the general path.
final class ColumnEncoder: Encoder {
    /// A property whose key is not a column of the layout.
    struct UnknownColumn: Error {
        var key: String
    }

    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]
    private let layout: ColumnLayout
    private var slots: [CQLRawValue?]
    private var unsupported = false

    private init(layout: ColumnLayout) {
        self.layout = layout
        slots = Array(repeating: nil, count: layout.names.count)
    }

    /// The serialized value of each column position `value` encodes, or `nil` when the
    /// type's `Codable` shape is not a flat keyed container.
    /// - Throws: ``UnknownColumn`` and `EncodingError.invalidValue` for a value that does not
    ///   fit its column.
    static func encode<T: Encodable>(_ value: T, layout: ColumnLayout) throws -> [CQLRawValue?]? {
        let encoder = ColumnEncoder(layout: layout)
        try value.encode(to: encoder)
        return encoder.unsupported ? nil : encoder.slots
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Container(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        unsupported = true
        return Discarding<ColumnLayoutKey>()
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        unsupported = true
        return Discarding<ColumnLayoutKey>()
    }

    fileprivate func store(_ raw: CQLRawValue, forKey key: any CodingKey) throws {
        slots[try position(key)] = raw
    }

    fileprivate func store<T: Encodable>(_ value: T, forKey key: any CodingKey) throws {
        let position = try position(key)
        guard let type = layout.types[position] else {
            throw EncodingError.invalidValue(value, .init(codingPath: [key], debugDescription: "the table has no column \(key.stringValue)"))
        }
        do {
            if let encodable = value as? any CQLEncodable {
                slots[position] = try encodable.cqlRawValue(as: type)
            } else if let encoded = try CQLValueEncoder().encode(value, as: type) {
                slots[position] = try encoded.cqlRawValue(as: type)
            } else {
                slots[position] = .null
            }
        } catch let error as CQLProtocolError {
            throw EncodingError.invalidValue(value, .init(codingPath: [key], debugDescription: error.message, underlyingError: error))
        }
    }

    private func position(_ key: any CodingKey) throws -> Int {
        guard let position = layout.positions[key.stringValue] else { throw UnknownColumn(key: key.stringValue) }
        return position
    }

    fileprivate func unsupportedShape() { unsupported = true }

    private struct Container<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: ColumnEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { try encoder.store(.null, forKey: key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encoder.store(value, forKey: key) }

        // Synthesized `Codable` writes optionals with `encodeIfPresent`, whose default skips
        // `nil`; a row writes it as NULL.
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try put(value, key) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try put(value, key) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try put(value, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try put(value, key) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try put(value, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try put(value, key) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try put(value, key) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try put(value, key) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try put(value, key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try put(value, key) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try put(value, key) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try put(value, key) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try put(value, key) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try put(value, key) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try put(value, key) }

        private func put<T: Encodable>(_ value: T?, _ key: Key) throws {
            guard let value else { return try encoder.store(.null, forKey: key) }
            try encoder.store(value, forKey: key)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey> {
            encoder.unsupportedShape()
            return KeyedEncodingContainer(Discarding<NestedKey>())
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            encoder.unsupportedShape()
            return Discarding<Key>()
        }

        mutating func superEncoder() -> any Encoder {
            encoder.unsupportedShape()
            return encoder
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            encoder.unsupportedShape()
            return encoder
        }
    }

    /// Swallows what an unsupported shape encodes; the caller falls back anyway.
    private struct Discarding<Key: CodingKey>: KeyedEncodingContainerProtocol, UnkeyedEncodingContainer, SingleValueEncodingContainer {
        var codingPath: [any CodingKey] { [] }
        var count: Int { 0 }

        init() {}

        mutating func encodeNil() throws {}
        mutating func encode<T: Encodable>(_ value: T) throws {}
        mutating func encodeNil(forKey key: Key) throws {}
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {}
        mutating func encode(_ value: Bool) throws {}
        mutating func encode(_ value: String) throws {}
        mutating func encode(_ value: Double) throws {}
        mutating func encode(_ value: Float) throws {}
        mutating func encode(_ value: Int) throws {}
        mutating func encode(_ value: Int8) throws {}
        mutating func encode(_ value: Int16) throws {}
        mutating func encode(_ value: Int32) throws {}
        mutating func encode(_ value: Int64) throws {}
        mutating func encode(_ value: UInt) throws {}
        mutating func encode(_ value: UInt8) throws {}
        mutating func encode(_ value: UInt16) throws {}
        mutating func encode(_ value: UInt32) throws {}
        mutating func encode(_ value: UInt64) throws {}

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Discarding<NestedKey>())
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
            -> KeyedEncodingContainer<NestedKey> {
            KeyedEncodingContainer(Discarding<NestedKey>())
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { self }
        mutating func superEncoder() -> any Encoder { DiscardingEncoder() }
        mutating func superEncoder(forKey key: Key) -> any Encoder { DiscardingEncoder() }
    }

    private struct DiscardingEncoder: Encoder {
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { KeyedEncodingContainer(Discarding<Key>()) }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { Discarding<ColumnLayoutKey>() }
        func singleValueContainer() -> any SingleValueEncodingContainer { Discarding<ColumnLayoutKey>() }
    }

    private struct ColumnLayoutKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
