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

    /// Parses a CQL type as written in DDL or `system_schema`, e.g. `frozen<map<text, list<int>>>`.
    ///
    /// `frozen<…>` wrappers are accepted and dropped. A bare identifier that is not a native
    /// type becomes a user-defined type with that name, no keyspace and no fields; the schema
    /// layer resolves it.
    /// - Throws: ``CQLProtocolError`` with ``CQLProtocolError/Code/invalidType`` on malformed text.
    public init(parsing text: String) throws(CQLProtocolError) {
        var parser = TypeTextParser(text: text)
        let type = try parser.parseType(depth: 0)
        try parser.expectEnd()
        self = type
    }
}

/// A small recursive-descent parser for CQL type text.
private struct TypeTextParser {
    let text: String
    let scalars: [Unicode.Scalar]
    var position = 0

    init(text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
    }

    private func fail(_ why: String) -> CQLProtocolError {
        CQLProtocolError(.invalidType, "invalid type '\(text)': \(why)")
    }

    mutating func skipSpaces() {
        while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
    }

    mutating func expectEnd() throws(CQLProtocolError) {
        skipSpaces()
        guard position == scalars.count else { throw fail("unexpected text after type") }
    }

    mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        skipSpaces()
        guard position < scalars.count, scalars[position] == scalar else { return false }
        position += 1
        return true
    }

    mutating func expect(_ scalar: Unicode.Scalar) throws(CQLProtocolError) {
        guard consume(scalar) else { throw fail("expected '\(scalar)'") }
    }

    /// Reads an identifier; a double-quoted one keeps its case and may contain `""` escapes.
    mutating func identifier() throws(CQLProtocolError) -> (name: String, quoted: Bool) {
        skipSpaces()
        guard position < scalars.count else { throw fail("expected a type name") }
        if scalars[position] == "\"" {
            position += 1
            var name = String.UnicodeScalarView()
            while position < scalars.count {
                if scalars[position] == "\"" {
                    if position + 1 < scalars.count, scalars[position + 1] == "\"" {
                        name.append("\"")
                        position += 2
                        continue
                    }
                    position += 1
                    return (String(name), true)
                }
                name.append(scalars[position])
                position += 1
            }
            throw fail("unterminated quoted name")
        }
        let start = position
        while position < scalars.count,
              scalars[position].properties.isAlphabetic || ("0"..."9").contains(scalars[position]) || scalars[position] == "_" || scalars[position] == "." {
            position += 1
        }
        guard position > start else { throw fail("expected a type name") }
        return (String(String.UnicodeScalarView(scalars[start..<position])), false)
    }

    mutating func integer() throws(CQLProtocolError) -> Int {
        skipSpaces()
        let start = position
        while position < scalars.count, ("0"..."9").contains(scalars[position]) { position += 1 }
        guard position > start, let value = Int(String(String.UnicodeScalarView(scalars[start..<position]))), value > 0 else {
            throw fail("expected a positive dimension")
        }
        return value
    }

    mutating func parseType(depth: Int) throws(CQLProtocolError) -> CQLType {
        guard depth < 64 else { throw fail("nesting deeper than 64") }
        skipSpaces()
        if position < scalars.count, scalars[position] == "'" {
            position += 1
            let start = position
            while position < scalars.count, scalars[position] != "'" { position += 1 }
            guard position < scalars.count else { throw fail("unterminated custom type") }
            let className = String(String.UnicodeScalarView(scalars[start..<position]))
            position += 1
            return try CQLType(marshalClass: className)
        }
        let (name, quoted) = try identifier()
        if quoted {
            return .udt(.init(keyspace: "", name: name, fields: []))
        }
        switch name.lowercased() {
        case "frozen":
            try expect("<")
            let inner = try parseType(depth: depth + 1)
            try expect(">")
            return inner
        case "list", "set":
            try expect("<")
            let element = try parseType(depth: depth + 1)
            try expect(">")
            return name.lowercased() == "list" ? .list(element) : .set(element)
        case "map":
            try expect("<")
            let key = try parseType(depth: depth + 1)
            try expect(",")
            let value = try parseType(depth: depth + 1)
            try expect(">")
            return .map(key, value)
        case "tuple":
            try expect("<")
            var elements = [try parseType(depth: depth + 1)]
            while consume(",") { elements.append(try parseType(depth: depth + 1)) }
            try expect(">")
            return .tuple(elements)
        case "vector":
            try expect("<")
            let element = try parseType(depth: depth + 1)
            try expect(",")
            let dimension = try integer()
            try expect(">")
            return .vector(element, dimension: dimension)
        default:
            if let native = CQLType(nativeName: name) { return native }
            return .udt(.init(keyspace: "", name: name.lowercased(), fields: []))
        }
    }
}
