import CQLProtocol

/// A CQL column type parsed from its text (`"map<text, int>"`, `"frozen<address>"`,
/// `"vector<float, 3>"`), keeping `frozen` (which ``CQLProtocol/CQLType`` drops because it
/// is not a wire property) so that DDL and `system_schema` comparisons are exact.
public indirect enum FieldType: Sendable, Hashable, CustomStringConvertible {
    /// A native type, by its canonical name (`text`, `int`, …; `varchar` becomes `text`).
    case native(String)
    /// `list<T>`.
    case list(FieldType)
    /// `set<T>`.
    case set(FieldType)
    /// `map<K, V>`.
    case map(FieldType, FieldType)
    /// `tuple<…>` (always frozen in Cassandra).
    case tuple([FieldType])
    /// `vector<T, n>`.
    case vector(FieldType, Int)
    /// `frozen<T>`.
    case frozen(FieldType)
    /// A user-defined type, by name.
    case userDefined(String)

    static let nativeNames: Set<String> = [
        "ascii", "bigint", "blob", "boolean", "counter", "decimal", "double", "float", "int", "timestamp", "uuid",
        "text", "varint", "timeuuid", "inet", "date", "time", "smallint", "tinyint", "duration",
    ]

    /// Parses type text as written in a schema or in `system_schema.columns.type`.
    /// - Parameter text: the type text.
    /// - Throws: ``ORMError/Code/invalidSchema`` for malformed text.
    public init(parsing text: String) throws(ORMError) {
        var parser = FieldTypeParser(text: text)
        self = try parser.parse(depth: 0)
        try parser.expectEnd()
    }

    /// The canonical spelling, as Cassandra writes it in `system_schema`
    /// (`frozen<map<text, int>>`, `vector<float, 3>`).
    public var description: String {
        switch self {
        case .native(let name): name
        case .list(let element): "list<\(element)>"
        case .set(let element): "set<\(element)>"
        case .map(let key, let value): "map<\(key), \(value)>"
        case .tuple(let elements): "frozen<tuple<\(elements.map(\.description).joined(separator: ", "))>>"
        case .vector(let element, let dimension): "vector<\(element), \(dimension)>"
        case .frozen(.tuple(let elements)): FieldType.tuple(elements).description
        case .frozen(let inner): "frozen<\(inner)>"
        case .userDefined(let name): Identifier.isPlain(name) ? name : Identifier.quote(name)
        }
    }

    /// The type without an outer `frozen`.
    public var unfrozen: FieldType {
        if case .frozen(let inner) = self { return inner.unfrozen }
        return self
    }

    /// Whether this is a (non-frozen) collection that accepts `+`/`-` element updates.
    public var isMultiCellCollection: Bool {
        switch self {
        case .list, .set, .map: true
        default: false
        }
    }

    /// Whether this is `counter`.
    public var isCounter: Bool { self == .native("counter") }

    /// The user-defined types this type mentions.
    public var userDefinedTypes: [String] {
        switch self {
        case .native: []
        case .list(let element), .set(let element), .frozen(let element), .vector(let element, _): element.userDefinedTypes
        case .map(let key, let value): key.userDefinedTypes + value.userDefinedTypes
        case .tuple(let elements): elements.flatMap(\.userDefinedTypes)
        case .userDefined(let name): [name]
        }
    }

    /// The wire type (user-defined types without fields; the driver learns them from the server).
    public var cqlType: CQLType {
        switch self {
        case .native(let name): CQLType(nativeName: name) ?? .blob
        case .list(let element): .list(element.cqlType)
        case .set(let element): .set(element.cqlType)
        case .map(let key, let value): .map(key.cqlType, value.cqlType)
        case .tuple(let elements): .tuple(elements.map(\.cqlType))
        case .vector(let element, let dimension): .vector(element.cqlType, dimension: dimension)
        case .frozen(let inner): inner.cqlType
        case .userDefined(let name): .udt(.init(keyspace: "", name: name, fields: []))
        }
    }
}

/// Recursive descent over type text.
struct FieldTypeParser {
    let text: String
    let characters: [Character]
    var position = 0

    init(text: String) {
        self.text = text
        characters = Array(text)
    }

    func fail(_ why: String) -> ORMError {
        ORMError(.invalidSchema, "invalid CQL type '\(text)': \(why)")
    }

    mutating func skipSpaces() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }

    mutating func expectEnd() throws(ORMError) {
        skipSpaces()
        guard position == characters.count else { throw fail("unexpected text after the type") }
    }

    mutating func expect(_ character: Character) throws(ORMError) {
        skipSpaces()
        guard position < characters.count, characters[position] == character else { throw fail("expected '\(character)'") }
        position += 1
    }

    mutating func name() throws(ORMError) -> (String, quoted: Bool) {
        skipSpaces()
        guard position < characters.count else { throw fail("expected a type name") }
        if characters[position] == "\"" {
            position += 1
            var name = ""
            while position < characters.count {
                if characters[position] == "\"" {
                    if position + 1 < characters.count, characters[position + 1] == "\"" {
                        name.append("\"")
                        position += 2
                        continue
                    }
                    position += 1
                    return (name, true)
                }
                name.append(characters[position])
                position += 1
            }
            throw fail("unterminated quoted name")
        }
        let start = position
        while position < characters.count, characters[position].isLetter || characters[position].isNumber || characters[position] == "_" {
            position += 1
        }
        guard position > start else { throw fail("expected a type name") }
        return (String(characters[start..<position]), false)
    }

    mutating func parse(depth: Int) throws(ORMError) -> FieldType {
        guard depth < 32 else { throw fail("nested too deeply") }
        let (word, quoted) = try name()
        if quoted { return .userDefined(word) }
        let lower = word.lowercased()
        switch lower {
        case "frozen":
            try expect("<")
            let inner = try parse(depth: depth + 1)
            try expect(">")
            if case .frozen = inner { return inner }
            return .frozen(inner)
        case "list", "set":
            try expect("<")
            let element = try parse(depth: depth + 1)
            try expect(">")
            return lower == "list" ? .list(element) : .set(element)
        case "map":
            try expect("<")
            let key = try parse(depth: depth + 1)
            try expect(",")
            let value = try parse(depth: depth + 1)
            try expect(">")
            return .map(key, value)
        case "tuple":
            try expect("<")
            var elements = [try parse(depth: depth + 1)]
            while true {
                skipSpaces()
                guard position < characters.count, characters[position] == "," else { break }
                position += 1
                elements.append(try parse(depth: depth + 1))
            }
            try expect(">")
            return .tuple(elements)
        case "vector":
            try expect("<")
            let element = try parse(depth: depth + 1)
            try expect(",")
            skipSpaces()
            let start = position
            while position < characters.count, characters[position].isNumber { position += 1 }
            guard let dimension = Int(String(characters[start..<position])), dimension > 0 else {
                throw fail("a vector needs a positive dimension")
            }
            try expect(">")
            return .vector(element, dimension)
        case "varchar":
            return .native("text")
        default:
            if FieldType.nativeNames.contains(lower) { return .native(lower) }
            return .userDefined(lower)
        }
    }
}

extension FieldType {
    /// The type as Cassandra stores it: collections and user-defined types nested in
    /// another type are frozen (Cassandra requires or implies it), duplicates of `frozen`
    /// collapse. Compare ``description`` of normalized types to compare schemas.
    public var normalized: FieldType {
        switch self {
        case .native, .userDefined: self
        case .list(let element): .list(element.normalizedNested)
        case .set(let element): .set(element.normalizedNested)
        case .map(let key, let value): .map(key.normalizedNested, value.normalizedNested)
        case .tuple(let elements): .tuple(elements.map(\.normalizedNested))
        case .vector(let element, let dimension): .vector(element.normalizedNested, dimension)
        case .frozen(let inner):
            switch inner.normalized {
            case .native(let name): .native(name)
            case .tuple(let elements): .tuple(elements)
            case .vector(let element, let dimension): .vector(element, dimension)
            case let other: .frozen(other)
            }
        }
    }

    private var normalizedNested: FieldType {
        switch self {
        case .list, .set, .map, .userDefined: .frozen(self).normalized
        default: normalized
        }
    }
}
