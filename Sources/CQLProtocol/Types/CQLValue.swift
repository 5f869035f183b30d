#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A decoded CQL value of any type (native_protocol_v4.spec §6), independent of Swift types.
///
/// Each case names the CQL type it was decoded as, so a value can be encoded again without
/// guessing. NULL is not a case: it is `nil` in a `CQLValue?`, in tuple elements and in
/// UDT fields. The zero-length value that Cassandra accepts for types with no natural
/// empty form (`int`, `uuid`, `boolean`, …) is the separate case ``empty``, so "no bytes"
/// is never confused with NULL or with zero.
///
/// ```swift
/// let value = CQLValue.map([.init(key: .text("a"), value: .int(1))])
/// let bytes = try value.serialized(as: .map(.text, .int))
/// ```
public indirect enum CQLValue: Sendable, Hashable {
    /// `ascii`: 7-bit text.
    case ascii(String)
    /// `bigint`.
    case bigint(Int64)
    /// `blob`.
    case blob([UInt8])
    /// `boolean`.
    case boolean(Bool)
    /// `counter`.
    case counter(Int64)
    /// `decimal`.
    case decimal(CQLDecimal)
    /// `double`.
    case double(Double)
    /// `float`.
    case float(Float)
    /// `int`.
    case int(Int32)
    /// `timestamp`: milliseconds since 1970-01-01T00:00:00Z.
    case timestamp(Int64)
    /// `uuid`.
    case uuid(UUID)
    /// `text` (`varchar`): UTF-8 text.
    case text(String)
    /// `varint`.
    case varint(CQLVarint)
    /// `timeuuid`: a version 1 UUID.
    case timeuuid(UUID)
    /// `inet`.
    case inet(CQLInetAddress)
    /// `date`: days since 1970-01-01 (negative before). The wire form adds 2^31.
    case date(Int32)
    /// `time`: nanoseconds since midnight, in `0..<86_400_000_000_000`.
    case time(Int64)
    /// `smallint`.
    case smallint(Int16)
    /// `tinyint`.
    case tinyint(Int8)
    /// `duration`.
    case duration(CQLDuration)
    /// `list<T>`; elements are never NULL.
    case list([CQLValue])
    /// `map<K, V>` as ordered entries, in wire order.
    case map([MapEntry])
    /// `set<T>`, in wire order.
    case set([CQLValue])
    /// A user-defined type value: named fields, each possibly NULL.
    case udt([Field])
    /// `tuple<…>`: elements, each possibly NULL.
    case tuple([CQLValue?])
    /// `vector<T, n>` (Cassandra 5); elements are never NULL.
    case vector([CQLValue])
    /// A value of a custom type, as raw bytes.
    case custom([UInt8])
    /// The zero-length value of a type that has no natural empty form, such as `int`.
    /// Cassandra stores it (for example from `blobAsInt(0x)`); it is neither NULL nor zero.
    case empty

    /// One key/value pair of a ``CQLValue/map(_:)``.
    public struct MapEntry: Sendable, Hashable {
        /// The key.
        public var key: CQLValue
        /// The value.
        public var value: CQLValue

        /// Creates an entry.
        public init(key: CQLValue, value: CQLValue) {
            self.key = key
            self.value = value
        }
    }

    /// One named field of a ``CQLValue/udt(_:)``.
    public struct Field: Sendable, Hashable {
        /// The field's name, as declared in the type.
        public var name: String
        /// The field's value; `nil` is NULL.
        public var value: CQLValue?

        /// Creates a field.
        public init(name: String, value: CQLValue?) {
            self.name = name
            self.value = value
        }
    }

    /// The name of the case, used in error messages (`"int"`, `"list"`, …).
    public var kindName: String {
        switch self {
        case .ascii: "ascii"
        case .bigint: "bigint"
        case .blob: "blob"
        case .boolean: "boolean"
        case .counter: "counter"
        case .decimal: "decimal"
        case .double: "double"
        case .float: "float"
        case .int: "int"
        case .timestamp: "timestamp"
        case .uuid: "uuid"
        case .text: "text"
        case .varint: "varint"
        case .timeuuid: "timeuuid"
        case .inet: "inet"
        case .date: "date"
        case .time: "time"
        case .smallint: "smallint"
        case .tinyint: "tinyint"
        case .duration: "duration"
        case .list: "list"
        case .map: "map"
        case .set: "set"
        case .udt: "udt"
        case .tuple: "tuple"
        case .vector: "vector"
        case .custom: "custom"
        case .empty: "empty"
        }
    }

    /// The value of a named UDT field, or `nil` when the field is NULL, absent, or this is
    /// not a UDT.
    public subscript(field name: String) -> CQLValue? {
        guard case .udt(let fields) = self else { return nil }
        return fields.first { $0.name == name }?.value ?? nil
    }
}
