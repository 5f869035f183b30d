// The Codable containers of ``CQLValueDecoder``. Every decode funnels into
// `CQLValueDecoding.decode(_:)` on a nested decoder.

struct CQLKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: CQLValueDecoding
    /// Field or map-key text to value; a present key may hold NULL.
    let entries: [String: CQLValue?]

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] {
        entries.keys.compactMap { Key(stringValue: $0) ?? Int($0).flatMap { Key(intValue: $0) } }
    }

    func contains(_ key: Key) -> Bool { entries[key.stringValue] != nil }

    private func entry(_ key: Key) throws -> CQLValue? {
        guard let entry = entries[key.stringValue] else {
            throw DecodingError.keyNotFound(key, decoder.context("no field named \(key.stringValue)"))
        }
        return entry
    }

    func decodeNil(forKey key: Key) throws -> Bool { (entries[key.stringValue] ?? nil) == nil }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let value = try entry(key)
        return try decoder.nested(value, key: key).decode(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.nested(try entry(key), key: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.nested(try entry(key), key: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder.nested(entries["super"] ?? nil, key: CQLSuperKey()) }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder.nested(entries[key.stringValue] ?? nil, key: key) }
}

struct CQLUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let decoder: CQLValueDecoding
    let elements: [CQLValue?]
    private(set) var currentIndex = 0

    init(decoder: CQLValueDecoding, elements: [CQLValue?]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next(_ type: Any.Type) throws -> CQLValueDecoding {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, decoder.context("no element at index \(currentIndex)"))
        }
        defer { currentIndex += 1 }
        return decoder.nested(elements[currentIndex], key: CQLIndexKey(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw DecodingError.valueNotFound(Any?.self, decoder.context("no element at index \(currentIndex)")) }
        guard elements[currentIndex] == nil else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(T.self).decode(T.self) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next([String: Any].self).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next([Any].self).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next(Any.self) }
}

struct CQLSingleValueDecodingContainer: SingleValueDecodingContainer {
    let decoder: CQLValueDecoding
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.value == nil }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard decoder.value != nil else {
            throw DecodingError.valueNotFound(T.self, decoder.context("a NULL can only be decoded as an optional"))
        }
        return try decoder.decode(T.self)
    }
}
