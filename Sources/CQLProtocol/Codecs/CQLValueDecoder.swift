/// Decodes `Decodable` Swift values from ``CQLValue``s: structs from user-defined type
/// values and rows, arrays and sets from lists, sets, vectors and tuples, dictionaries
/// from maps.
///
/// Scalar properties whose types are ``CQLDecodable`` use their CQL codecs, with the same
/// type checks (an `Int32` property cannot read a `text` field). NULL and missing fields
/// decode only into optionals. Errors are `DecodingError`s with the coding path; when a
/// CQL codec failed, its ``CQLProtocolError`` is the underlying error.
///
/// ```swift
/// struct Address: Codable { var street: String; var zip: Int32? }
/// let address = try CQLValueDecoder().decode(Address.self, from: .udt([
///     .init(name: "street", value: .text("Main St")), .init(name: "zip", value: nil)]))
/// ```
public struct CQLValueDecoder {
    /// Contextual information for custom `init(from:)` implementations.
    public var userInfo: [CodingUserInfoKey: Any] = [:]

    /// Creates a decoder.
    public init() {}

    /// Decodes a value of type `T`.
    /// - Parameters:
    ///   - type: The Swift type to produce.
    ///   - value: The CQL value; `nil` is NULL.
    /// - Returns: The decoded value.
    /// - Throws: `DecodingError` when the value does not have the shape or types `T` needs.
    public func decode<T: Decodable>(_ type: T.Type, from value: CQLValue?) throws -> T {
        try CQLValueDecoding(value: value, codingPath: [], userInfo: userInfo).decode(T.self)
    }

    /// Decodes a value of type `T` from a row of named columns; absent columns are NULL.
    /// - Parameters:
    ///   - type: The Swift type to produce, usually a struct keyed by column names.
    ///   - row: The column values by name.
    /// - Returns: The decoded value.
    /// - Throws: `DecodingError` when a column is missing for a non-optional property or has
    ///   the wrong type.
    public func decode<T: Decodable>(_ type: T.Type, fromRow row: [String: CQLValue]) throws -> T {
        let fields = row.keys.sorted().map { CQLValue.Field(name: $0, value: row[$0]) }
        return try decode(T.self, from: .udt(fields))
    }
}

/// Marks the generic containers whose `CQLDecodable` conformance also decodes through
/// `Codable` (from list, set, map and tuple values built by hand).
protocol CQLStructuralDecodable {}
extension Array: CQLStructuralDecodable {}
extension Set: CQLStructuralDecodable {}
extension Dictionary: CQLStructuralDecodable {}
extension Optional: CQLStructuralDecodable {}

/// The `Decoder` for one value.
struct CQLValueDecoding: Decoder {
    let value: CQLValue?
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        switch value {
        case .udt(let fields)?:
            var entries: [String: CQLValue?] = [:]
            for field in fields where entries[field.name] == nil { entries[field.name] = .some(field.value) }
            return KeyedDecodingContainer(CQLKeyedDecodingContainer<Key>(decoder: self, entries: entries))
        case .map(let mapEntries)?:
            var entries: [String: CQLValue?] = [:]
            for entry in mapEntries { entries[Self.keyText(entry.key)] = .some(entry.value) }
            return KeyedDecodingContainer(CQLKeyedDecodingContainer<Key>(decoder: self, entries: entries))
        default:
            throw mismatch([String: Any].self, "a udt or map value")
        }
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch value {
        case .list(let elements)?, .set(let elements)?, .vector(let elements)?:
            return CQLUnkeyedDecodingContainer(decoder: self, elements: elements.map { $0 })
        case .tuple(let elements)?:
            return CQLUnkeyedDecodingContainer(decoder: self, elements: elements)
        case .map(let entries)?:
            return CQLUnkeyedDecodingContainer(decoder: self, elements: entries.flatMap { [$0.key, $0.value] })
        default:
            throw mismatch([Any].self, "a list, set, vector, tuple or map value")
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        CQLSingleValueDecodingContainer(decoder: self)
    }

    /// A decoder for a nested value.
    func nested(_ value: CQLValue?, key: any CodingKey) -> CQLValueDecoding {
        CQLValueDecoding(value: value, codingPath: codingPath + [key], userInfo: userInfo)
    }

    /// Decodes this decoder's value as `T`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard let value, let leafType = Self.leafType(of: value) else {
            // NULL goes to `init(from:)`, where optionals become nil and others ask for a
            // value and get `valueNotFound`. Composite values go there too, unless `T` has
            // a CQL codec and no Codable shape of its own (which would recurse forever).
            if let value, T.self is any CQLDecodable.Type, !(T.self is any CQLStructuralDecodable.Type) {
                throw mismatch(T.self, "a scalar value, not \(value.kindName)")
            }
            return try T(from: self)
        }
        guard let decodable = T.self as? any CQLDecodable.Type else { return try T(from: self) }
        do {
            let bytes = try value.serialized(as: leafType)
            guard let result = try decodable.init(cqlBytes: bytes[...], type: leafType) as? T else {
                throw mismatch(T.self, "\(leafType)")
            }
            return result
        } catch let error as CQLProtocolError {
            if error.code == .typeMismatch {
                throw DecodingError.typeMismatch(T.self, context(error.message, underlying: error))
            }
            throw DecodingError.dataCorrupted(context(error.message, underlying: error))
        }
    }

    func context(_ message: String, underlying: (any Error)? = nil) -> DecodingError.Context {
        DecodingError.Context(codingPath: codingPath, debugDescription: message, underlyingError: underlying)
    }

    func mismatch(_ type: Any.Type, _ expected: String) -> DecodingError {
        DecodingError.typeMismatch(type, context("expected \(expected), found \(value?.kindName ?? "NULL")"))
    }

    /// The CQL type of a scalar value, or `nil` for composite values and ``CQLValue/empty``.
    static func leafType(of value: CQLValue) -> CQLType? {
        switch value {
        case .ascii: .ascii
        case .bigint: .bigint
        case .blob: .blob
        case .boolean: .boolean
        case .counter: .counter
        case .decimal: .decimal
        case .double: .double
        case .float: .float
        case .int: .int
        case .timestamp: .timestamp
        case .uuid: .uuid
        case .text: .text
        case .varint: .varint
        case .timeuuid: .timeuuid
        case .inet: .inet
        case .date: .date
        case .time: .time
        case .smallint: .smallint
        case .tinyint: .tinyint
        case .duration: .duration
        case .custom: .custom("")
        case .list, .map, .set, .udt, .tuple, .vector, .empty: nil
        }
    }

    /// The coding-key text of a map key: the text itself, or the number or UUID spelled out.
    static func keyText(_ key: CQLValue) -> String {
        switch key {
        case .text(let text), .ascii(let text): text
        case .tinyint(let number): String(number)
        case .smallint(let number): String(number)
        case .int(let number): String(number)
        case .bigint(let number), .counter(let number): String(number)
        case .varint(let number): number.description
        case .uuid(let uuid), .timeuuid(let uuid): uuid.uuidString
        default: String(describing: key)
        }
    }
}
