#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// A dynamically typed value of the schema-string API: what ``Model/save(_:options:)`` takes
/// and ``Record`` holds, and what query objects (`["rating": ["$gte": 4.5]]`) are made of.
///
/// Literals work directly: `"text"`, `42`, `4.5`, `true`, `nil`, `[1, 2]`, `["k": "v"]`.
/// Values are converted to the column's CQL type when they are bound: an integer binds to
/// any integer, floating-point, `varint`, `decimal` or `timestamp` (milliseconds) column; a
/// string to text types and, parsed, to `uuid`, `timeuuid`, `inet`, `varint` and `decimal`;
/// a list to `list`, `set`, `vector` and `tuple`; a string-keyed map to `map` (keys parsed
/// to the key type) and to user-defined types. Anything else goes through ``cql(_:)``.
///
/// Read back, text is ``string(_:)``, integers ``int(_:)``, `float`/`double` ``double(_:)``,
/// `uuid`/`timeuuid` ``uuid(_:)``, `timestamp` ``date(_:)``, `blob` ``bytes(_:)``,
/// collections and vectors ``list(_:)``, text-keyed maps and UDTs ``map(_:)``; other
/// types (`decimal`, `varint`, `inet`, `date`, `time`, `duration`, tuples, maps with
/// non-text keys) stay ``cql(_:)``.
public enum ORMValue: Sendable, Hashable {
    /// NULL (or "no value").
    case null
    /// A boolean.
    case bool(Bool)
    /// An integer.
    case int(Int64)
    /// A floating-point number.
    case double(Double)
    /// Text.
    case string(String)
    /// A UUID (also a timeuuid).
    case uuid(UUID)
    /// A point in time (`timestamp`).
    case date(Date)
    /// Bytes (`blob`).
    case bytes([UInt8])
    /// A list, set, vector or tuple.
    case list([ORMValue])
    /// A text-keyed map, a user-defined type value, or a query/operator object.
    case map([String: ORMValue])
    /// A value already in CQL form; bound as is.
    case cql(CQLValue)

    /// Whether this is ``null``.
    public var isNull: Bool { self == .null }

    /// The text, for ``string(_:)``.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        if case .cql(.ascii(let value)) = self { return value }
        return nil
    }

    /// The integer, for ``int(_:)``.
    public var intValue: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The number, for ``double(_:)`` and ``int(_:)``.
    public var doubleValue: Double? {
        switch self {
        case .double(let value): value
        case .int(let value): Double(value)
        default: nil
        }
    }

    /// The boolean, for ``bool(_:)``.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The UUID, for ``uuid(_:)``.
    public var uuidValue: UUID? {
        if case .uuid(let value) = self { return value }
        return nil
    }

    /// The date, for ``date(_:)``.
    public var dateValue: Date? {
        if case .date(let value) = self { return value }
        return nil
    }

    /// The elements, for ``list(_:)``.
    public var listValue: [ORMValue]? {
        if case .list(let value) = self { return value }
        return nil
    }

    /// The entries, for ``map(_:)``.
    public var mapValue: [String: ORMValue]? {
        if case .map(let value) = self { return value }
        return nil
    }

    /// The entry `key` of a ``map(_:)``; `nil` for other values.
    public subscript(key: String) -> ORMValue? {
        mapValue?[key]
    }
}

extension ORMValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    /// A ``string(_:)``.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An ``int(_:)``.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// A ``double(_:)``.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A ``bool(_:)``.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// ``null``.
    public init(nilLiteral: ()) { self = .null }
    /// A ``list(_:)``.
    public init(arrayLiteral elements: ORMValue...) { self = .list(elements) }
    /// A ``map(_:)``; a repeated key keeps the last value.
    public init(dictionaryLiteral elements: (String, ORMValue)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension ORMValue {
    /// Wraps a UUID.
    /// - Parameter value: the UUID.
    public init(_ value: UUID) { self = .uuid(value) }
    /// Wraps a date.
    /// - Parameter value: the date.
    public init(_ value: Date) { self = .date(value) }
    /// Wraps an integer.
    /// - Parameter value: the integer.
    public init<I: BinaryInteger>(_ value: I) { self = .int(Int64(value)) }
    /// Wraps a floating-point number.
    /// - Parameter value: the number.
    public init(_ value: Double) { self = .double(value) }
    /// Wraps text.
    /// - Parameter value: the text.
    public init(_ value: String) { self = .string(value) }
}

extension ORMValue: CustomStringConvertible {
    /// A short rendering for messages and debugging (`"text"`, `42`, `[1, 2]`).
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .int(let value): "\(value)"
        case .double(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .uuid(let value): value.uuidString.lowercased()
        case .date(let value): "\(value)"
        case .bytes(let value): "<\(value.count) bytes>"
        case .list(let values): "[\(values.map(\.description).joined(separator: ", "))]"
        case .map(let values): "[\(values.keys.sorted().map { "\"\($0)\": \(values[$0]!)" }.joined(separator: ", "))]"
        case .cql(let value): "\(value)"
        }
    }
}
