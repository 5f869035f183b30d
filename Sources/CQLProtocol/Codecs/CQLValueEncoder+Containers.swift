// The Codable containers of ``CQLValueEncoder``. Every method funnels into
// `CQLEncodingNode.store(_:)`, which applies the CQL codec for the target type.

struct CQLKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: CQLEncodingNode
    var codingPath: [any CodingKey] { node.codingPath }

    mutating func encodeNil(forKey key: Key) throws { try node.child(forKey: key).storeValue(nil) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try node.child(forKey: key).store(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        guard let child = try? node.child(forKey: key) else {
            return KeyedEncodingContainer(CQLFailingEncodingContainer<NestedKey>(codingPath: codingPath + [key]))
        }
        return child.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        guard let child = try? node.child(forKey: key) else {
            return CQLFailingEncodingContainer<Key>(codingPath: codingPath + [key])
        }
        return child.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { (try? node.child(forKey: CQLSuperKey())) ?? node }
    mutating func superEncoder(forKey key: Key) -> any Encoder { (try? node.child(forKey: key)) ?? node }
}

struct CQLUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let node: CQLEncodingNode
    var codingPath: [any CodingKey] { node.codingPath }
    var count: Int { node.unkeyedCount }

    mutating func encodeNil() throws { try node.nextElement().storeValue(nil) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.nextElement().store(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        guard let child = try? node.nextElement() else {
            return KeyedEncodingContainer(CQLFailingEncodingContainer<NestedKey>(codingPath: codingPath))
        }
        return child.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        guard let child = try? node.nextElement() else { return CQLFailingEncodingContainer<CQLIndexKey>(codingPath: codingPath) }
        return child.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { (try? node.nextElement()) ?? node }
}

struct CQLSingleValueEncodingContainer: SingleValueEncodingContainer {
    let node: CQLEncodingNode
    var codingPath: [any CodingKey] { node.codingPath }

    mutating func encodeNil() throws { node.storeValue(nil) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.store(value) }
}

/// The key `super` used by `superEncoder()`.
struct CQLSuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}

/// Returned where the Codable API cannot throw (nested containers for a key the type does
/// not have); it throws on first use so the error still reaches the caller.
struct CQLFailingEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol, UnkeyedEncodingContainer {
    let codingPath: [any CodingKey]
    var count: Int { 0 }

    private func fail() -> EncodingError {
        EncodingError.invalidValue(
            codingPath.last?.stringValue ?? "", .init(codingPath: codingPath, debugDescription: "no field or element type for this position"))
    }

    mutating func encodeNil(forKey key: Key) throws { throw fail() }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { throw fail() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(CQLFailingEncodingContainer<NestedKey>(codingPath: codingPath))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { self }
    mutating func superEncoder() -> any Encoder { CQLEncodingNode(type: .blob, codingPath: codingPath, userInfo: [:]) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder() }
    mutating func encodeNil() throws { throw fail() }
    mutating func encode<T: Encodable>(_ value: T) throws { throw fail() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(CQLFailingEncodingContainer<NestedKey>(codingPath: codingPath))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
}
