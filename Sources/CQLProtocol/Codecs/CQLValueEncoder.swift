#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Encodes `Encodable` Swift values into ``CQLValue``s shaped by a CQL type: structs into
/// user-defined type values and rows, arrays into lists, sets, vectors and tuples,
/// dictionaries into maps.
///
/// The target type drives the conversion, so each property is checked against the
/// declared field or column type: a `String` property for an `int` field throws.
/// Properties whose types are ``CQLEncodable`` (numbers, `String`, `UUID`, `Date`,
/// ``CQLVarint``, …) use their CQL codecs; other `Encodable` types use their `Codable`
/// containers. A `nil` optional (or an omitted key) is NULL.
///
/// ```swift
/// struct Address: Codable { var street: String; var zip: Int32? }
/// let type = CQLType.udt(.init(keyspace: "shop", name: "address", fields: [
///     .init(name: "street", type: .text), .init(name: "zip", type: .int)]))
/// let value = try CQLValueEncoder().encode(Address(street: "Main St", zip: nil), as: type)
/// // .udt([Field(name: "street", value: .text("Main St")), Field(name: "zip", value: nil)])
/// ```
public struct CQLValueEncoder {
    /// Contextual information for custom `encode(to:)` implementations.
    public var userInfo: [CodingUserInfoKey: Any] = [:]

    /// Creates an encoder.
    public init() {}

    /// Encodes `value` as a CQL value of `type`.
    /// - Parameters:
    ///   - value: The value; a struct for a UDT, an array for a list, and so on.
    ///   - type: The target CQL type.
    /// - Returns: The value, or `nil` when `value` encodes NULL (such as a `nil` optional).
    /// - Throws: `EncodingError.invalidValue` when the value does not fit `type`, with the
    ///   ``CQLProtocolError`` (if any) as its underlying error.
    public func encode<T: Encodable>(_ value: T, as type: CQLType) throws -> CQLValue? {
        let node = CQLEncodingNode(type: type, codingPath: [], userInfo: userInfo)
        try node.store(value)
        return try node.resolve()
    }

    /// Encodes `value` as a row: one entry per column that has a non-NULL value.
    /// - Parameters:
    ///   - value: A struct (or any keyed `Encodable`) whose keys are column names.
    ///   - columns: The column types by name.
    /// - Returns: The column values; NULL properties are omitted.
    /// - Throws: `EncodingError.invalidValue` for a key that is not a column or a value that
    ///   does not fit its column type.
    public func encodeRow<T: Encodable>(_ value: T, columns: [String: CQLType]) throws -> [String: CQLValue] {
        let fields = columns.keys.sorted().map { CQLType.UserDefinedType.Field(name: $0, type: columns[$0] ?? .blob) }
        let rowType = CQLType.udt(.init(keyspace: "", name: "row", fields: fields))
        guard case .udt(let encoded)? = try encode(value, as: rowType) else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "a row must encode as a keyed container"))
        }
        var row: [String: CQLValue] = [:]
        for field in encoded { row[field.name] = field.value }
        return row
    }
}

/// One value under construction: the encoder for it and the storage its containers fill.
final class CQLEncodingNode: Encoder {
    let type: CQLType
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any]

    enum Kind { case nothing, value, keyed, unkeyed }
    private(set) var kind = Kind.nothing
    private var value: CQLValue?
    private var keyed: [(key: any CodingKey, node: CQLEncodingNode)] = []
    private var unkeyed: [CQLEncodingNode] = []

    init(type: CQLType, codingPath: [any CodingKey], userInfo: [CodingUserInfoKey: Any]) {
        self.type = type
        self.codingPath = codingPath
        self.userInfo = userInfo
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        kind = .keyed
        return KeyedEncodingContainer(CQLKeyedEncodingContainer<Key>(node: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        kind = .unkeyed
        return CQLUnkeyedEncodingContainer(node: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        CQLSingleValueEncodingContainer(node: self)
    }

    /// Encodes `newValue` into this node: through its CQL codec when it has one, else
    /// through its `Codable` containers.
    func store<T: Encodable>(_ newValue: T) throws {
        guard let encodable = newValue as? any CQLEncodable else {
            try newValue.encode(to: self)
            return
        }
        do {
            switch try encodable.cqlRawValue(as: type) {
            case .bytes(let bytes): storeValue(try CQLValue.decode(bytes, as: type))
            case .null, .unset: storeValue(nil)
            }
        } catch {
            throw EncodingError.invalidValue(newValue, .init(codingPath: codingPath, debugDescription: error.message, underlyingError: error))
        }
    }

    func storeValue(_ newValue: CQLValue?) {
        kind = .value
        value = newValue
    }

    func child(forKey key: any CodingKey) throws -> CQLEncodingNode {
        let childType: CQLType
        switch type {
        case .udt(let udt):
            guard let field = udt.fields.first(where: { $0.name == key.stringValue }) else {
                throw failure("\(udt.name.isEmpty ? "type" : udt.name) has no field or column named \(key.stringValue)")
            }
            childType = field.type
        case .map(_, let valueType): childType = valueType
        default: throw failure("keyed values (structs, dictionaries) need a udt or map type, not \(type)")
        }
        let node = CQLEncodingNode(type: childType, codingPath: codingPath + [key], userInfo: userInfo)
        keyed.append((key, node))
        return node
    }

    func nextElement() throws -> CQLEncodingNode {
        let index = unkeyed.count
        let elementType: CQLType
        switch type {
        case .list(let element), .set(let element), .vector(let element, _): elementType = element
        case .tuple(let types):
            guard index < types.count else { throw failure("\(type) has only \(types.count) elements") }
            elementType = types[index]
        case .map(let keyType, let valueType): elementType = index.isMultiple(of: 2) ? keyType : valueType
        default: throw failure("sequences need a list, set, vector, tuple or map type, not \(type)")
        }
        let node = CQLEncodingNode(type: elementType, codingPath: codingPath + [CQLIndexKey(index)], userInfo: userInfo)
        unkeyed.append(node)
        return node
    }

    var unkeyedCount: Int { unkeyed.count }

    func failure(_ message: String) -> EncodingError {
        EncodingError.invalidValue(type, .init(codingPath: codingPath, debugDescription: message))
    }

    /// The finished value: NULL when nothing was encoded.
    func resolve() throws -> CQLValue? {
        switch kind {
        case .nothing: return nil
        case .value: return value
        case .keyed:
            switch type {
            case .udt(let udt):
                var latest: [String: CQLValue?] = [:]
                for (key, node) in keyed { latest[key.stringValue] = try node.resolve() }
                return .udt(udt.fields.map { CQLValue.Field(name: $0.name, value: latest[$0.name] ?? nil) })
            case .map(let keyType, _):
                var entries: [CQLValue.MapEntry] = []
                for (key, node) in keyed {
                    entries.append(.init(key: try mapKey(key, as: keyType), value: try node.resolveNonNull("map values")))
                }
                return .map(entries)
            default: throw failure("keyed values need a udt or map type, not \(type)")
            }
        case .unkeyed:
            switch type {
            case .list: return .list(try unkeyed.map { try $0.resolveNonNull("list elements") })
            case .set: return .set(try unkeyed.map { try $0.resolveNonNull("set elements") })
            case .vector: return .vector(try unkeyed.map { try $0.resolveNonNull("vector elements") })
            case .tuple: return .tuple(try unkeyed.map { try $0.resolve() })
            case .map:
                guard unkeyed.count.isMultiple(of: 2) else { throw failure("a map needs alternating keys and values") }
                let values = try unkeyed.map { try $0.resolveNonNull("map keys and values") }
                return .map(stride(from: 0, to: values.count, by: 2).map { .init(key: values[$0], value: values[$0 + 1]) })
            default: throw failure("sequences need a list, set, vector, tuple or map type, not \(type)")
            }
        }
    }

    private func resolveNonNull(_ what: String) throws -> CQLValue {
        guard let value = try resolve() else { throw failure("\(what) cannot be NULL") }
        return value
    }

    /// Converts a dictionary key to a map key of `keyType` (text, integer or uuid keys).
    private func mapKey(_ key: any CodingKey, as keyType: CQLType) throws -> CQLValue {
        let node = CQLEncodingNode(type: keyType, codingPath: codingPath + [key], userInfo: userInfo)
        switch keyType {
        case .text, .ascii: try node.store(key.stringValue)
        case .tinyint, .smallint, .int, .bigint, .varint:
            guard let number = key.intValue ?? Int(key.stringValue) else { throw failure("map key \(key.stringValue) is not an integer") }
            try node.store(number)
        case .uuid, .timeuuid:
            guard let uuid = UUID(uuidString: key.stringValue) else { throw failure("map key \(key.stringValue) is not a UUID") }
            try node.store(uuid)
        default: throw failure("dictionary keys can only fill maps with text, integer or uuid keys, not \(keyType)")
        }
        return try node.resolveNonNull("map keys")
    }
}

/// An integer coding key for unkeyed positions.
struct CQLIndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String
    init(_ index: Int) {
        intValue = index
        stringValue = "Index \(index)"
    }
    init?(intValue: Int) { self.init(intValue) }
    init?(stringValue: String) { nil }
}
