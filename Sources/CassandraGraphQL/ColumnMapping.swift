import CassandraORM

/// How one CQL column type appears in GraphQL: its output/input type and the filter input that
/// restricts it.
///
/// | CQL | GraphQL |
/// |---|---|
/// | `text`, `ascii`, `varchar`, `inet` | `String` |
/// | `int`, `smallint`, `tinyint` | `Int` |
/// | `bigint`, `counter`, `varint`, `time` (nanoseconds) | `BigInt` (decimal digits in a string) |
/// | `decimal` | `Decimal` (a string, exact) |
/// | `float`, `double` | `Float` |
/// | `boolean` | `Boolean` |
/// | `uuid`, `timeuuid` | `UUID` |
/// | `timestamp` | `DateTime` (ISO 8601, UTC, milliseconds) |
/// | `date` | `Date` (`YYYY-MM-DD`) |
/// | `blob` | `Blob` (base64) |
/// | `list<T>`, `set<T>`, `vector<T, n>` | `[T!]` |
/// | `map<K, V>`, user-defined types, tuples, `duration` | `JSON` |
public struct ColumnMapping: Sendable, Hashable {
    /// A GraphQL type reference.
    public indirect enum TypeReference: Sendable, Hashable, CustomStringConvertible {
        /// A named type (`String`, `UUID`).
        case named(String)
        /// A list of non-null elements.
        case list(TypeReference)

        /// The SDL spelling, nullable (`UUID`, `[String!]`).
        public var description: String {
            switch self {
            case .named(let name): name
            case .list(let element): "[\(element)!]"
            }
        }

        /// The named type at the bottom of the lists.
        public var namedType: String {
            switch self {
            case .named(let name): name
            case .list(let element): element.namedType
            }
        }
    }

    /// The filter input kinds a column can have.
    public enum Filter: Sendable, Hashable {
        /// `<Scalar>Filter`: `eq ne gt gte lt lte in` (and `like` for `String`).
        case scalar(String)
        /// `<Scalar>CollectionFilter`: `contains` (lists and sets).
        case collection(String)
        /// `MapFilter`: `contains`, `containsKey` (non-frozen maps).
        case map

        /// The input type's name.
        public var typeName: String {
            switch self {
            case .scalar(let scalar): "\(scalar)Filter"
            case .collection(let scalar): "\(scalar)CollectionFilter"
            case .map: "MapFilter"
            }
        }
    }

    /// The column's GraphQL type (nullable).
    public var type: TypeReference
    /// The filter input, or `nil` for columns that cannot be restricted (vectors).
    public var filter: Filter?

    /// The mapping of `type`.
    /// - Parameter type: the column type.
    public init(_ type: FieldType) {
        switch type.unfrozen {
        case .native(let name):
            let scalar = Self.scalar(native: name)
            self.type = .named(scalar)
            filter = .scalar(scalar)
        case .list(let element), .set(let element):
            let inner = ColumnMapping(element)
            self.type = .list(inner.type)
            if case .named(let scalar) = inner.type { filter = .collection(scalar) } else { filter = nil }
        case .vector(let element, _):
            self.type = .list(ColumnMapping(element).type)
            filter = nil
        case .map:
            self.type = .named(CustomScalar.json.name)
            if case .frozen = type { filter = .scalar(CustomScalar.json.name) } else { filter = .map }
        case .tuple, .userDefined, .frozen:
            self.type = .named(CustomScalar.json.name)
            filter = .scalar(CustomScalar.json.name)
        }
    }

    /// The GraphQL scalar of a CQL native type.
    static func scalar(native name: String) -> String {
        switch name {
        case "text", "ascii", "varchar", "inet": "String"
        case "int", "smallint", "tinyint": "Int"
        case "bigint", "counter", "varint", "time": CustomScalar.bigInt.name
        case "decimal": CustomScalar.decimal.name
        case "float", "double": "Float"
        case "boolean": "Boolean"
        case "uuid", "timeuuid": CustomScalar.uuid.name
        case "timestamp": CustomScalar.dateTime.name
        case "date": CustomScalar.date.name
        case "blob": CustomScalar.blob.name
        default: CustomScalar.json.name
        }
    }
}
