extension CQLType: CustomStringConvertible {
    /// The CQL spelling of the type, e.g. `map<text, int>` or `vector<float, 3>`.
    /// User-defined types print as their (unqualified) name.
    public var description: String {
        switch self {
        case .custom(let className): "'\(className)'"
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
        case .list(let element): "list<\(element)>"
        case .set(let element): "set<\(element)>"
        case .map(let key, let value): "map<\(key), \(value)>"
        case .udt(let udt): udt.name
        case .tuple(let elements): "tuple<\(elements.map(\.description).joined(separator: ", "))>"
        case .vector(let element, let dimension): "vector<\(element), \(dimension)>"
        }
    }

    /// The native type named by a CQL keyword (`int`, `varchar`, …), or `nil`.
    public init?(nativeName: String) {
        switch nativeName.lowercased() {
        case "ascii": self = .ascii
        case "bigint": self = .bigint
        case "blob": self = .blob
        case "boolean": self = .boolean
        case "counter": self = .counter
        case "decimal": self = .decimal
        case "double": self = .double
        case "float": self = .float
        case "int": self = .int
        case "timestamp": self = .timestamp
        case "uuid": self = .uuid
        case "text", "varchar": self = .text
        case "varint": self = .varint
        case "timeuuid": self = .timeuuid
        case "inet": self = .inet
        case "date": self = .date
        case "time": self = .time
        case "smallint": self = .smallint
        case "tinyint": self = .tinyint
        case "duration": self = .duration
        default: return nil
        }
    }

    /// Parses a CQL type as written in DDL or `system_schema`, e.g. `frozen<map<text, list<int>>>`,
    /// with the grammar of ``CQLTypeExpression``.
    ///
    /// `frozen<…>` wrappers are accepted and dropped. A name that is not a native type becomes
    /// a user-defined type with that name and keyspace (empty when unqualified) and no fields;
    /// the schema layer resolves it. A `'class'` custom type is read as its marshal class
    /// (``init(marshalClass:)``), so known classes become structured types.
    /// - Parameter text: The type text.
    /// - Throws: ``CQLProtocolError`` with ``CQLProtocolError/Code/invalidType`` on malformed text
    ///   or a malformed known marshal class.
    public init(parsing text: String) throws(CQLProtocolError) {
        self = try CQLTypeExpression(parsing: text).cqlType(
            userType: { name throws(CQLProtocolError) in name.cqlType },
            customType: { className throws(CQLProtocolError) in try CQLType(marshalClass: className) })
    }
}
