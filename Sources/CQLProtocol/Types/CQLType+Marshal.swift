// Java marshal class names (org.apache.cassandra.db.marshal.*) for custom `[option]`s.
extension CQLType {
    private static let marshalPrefix = "org.apache.cassandra.db.marshal."

    private static let simpleMarshalNames: [(String, CQLType)] = [
        ("AsciiType", .ascii), ("LongType", .bigint), ("BytesType", .blob), ("BooleanType", .boolean),
        ("CounterColumnType", .counter), ("DecimalType", .decimal), ("DoubleType", .double),
        ("FloatType", .float), ("Int32Type", .int), ("TimestampType", .timestamp), ("UUIDType", .uuid),
        ("UTF8Type", .text), ("IntegerType", .varint), ("TimeUUIDType", .timeuuid),
        ("InetAddressType", .inet), ("SimpleDateType", .date), ("TimeType", .time),
        ("ShortType", .smallint), ("ByteType", .tinyint), ("DurationType", .duration),
    ]

    /// The Java marshal class that Cassandra uses for this type, e.g.
    /// `org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType,3)`.
    public var marshalClass: String {
        let prefix = Self.marshalPrefix
        switch self {
        case .custom(let className): return className
        case .list(let element): return "\(prefix)ListType(\(element.marshalClass))"
        case .set(let element): return "\(prefix)SetType(\(element.marshalClass))"
        case .map(let key, let value): return "\(prefix)MapType(\(key.marshalClass),\(value.marshalClass))"
        case .tuple(let elements): return "\(prefix)TupleType(\(elements.map(\.marshalClass).joined(separator: ",")))"
        case .vector(let element, let dimension): return "\(prefix)VectorType(\(element.marshalClass),\(dimension))"
        case .udt(let udt):
            let fields = udt.fields.map { "\(Self.hex($0.name)):\($0.type.marshalClass)" }
            return "\(prefix)UserType(\(([udt.keyspace, Self.hex(udt.name)] + fields).joined(separator: ",")))"
        default:
            let name = Self.simpleMarshalNames.first { $0.1 == self }!.0
            return prefix + name
        }
    }

    /// Interprets a custom type's marshal class. Known classes (including `VectorType`,
    /// `FrozenType` and the collection types) become structured types; unknown classes
    /// stay ``custom(_:)``.
    /// - Throws: ``CQLProtocolError/Code/invalidType`` when a known class has malformed parameters.
    public init(marshalClass: String) throws(CQLProtocolError) {
        var parser = MarshalParser(text: Array(marshalClass.unicodeScalars), original: marshalClass)
        let type = try parser.parse(depth: 0)
        guard parser.atEnd else { self = .custom(marshalClass); return }
        self = type
    }

    fileprivate static func hex(_ text: String) -> String {
        text.utf8.map { String(format2: $0) }.joined()
    }

    fileprivate static func unhex(_ text: String) -> String? {
        let scalars = Array(text.utf8)
        guard scalars.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < scalars.count {
            guard let byte = UInt8(String(decoding: scalars[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
            index += 2
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private struct MarshalParser {
        let text: [Unicode.Scalar]
        let original: String
        var position = 0

        var atEnd: Bool { position == text.count }

        private func fail(_ why: String) -> CQLProtocolError {
            CQLProtocolError(.invalidType, "invalid marshal class '\(original)': \(why)")
        }

        mutating func skipSpaces() {
            while position < text.count, text[position] == " " { position += 1 }
        }

        mutating func word() -> String {
            skipSpaces()
            let start = position
            while position < text.count, !["(", ")", ",", ":"].contains(text[position]) { position += 1 }
            return String(String.UnicodeScalarView(text[start..<position])).trimmingSpaces()
        }

        mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
            skipSpaces()
            guard position < text.count, text[position] == scalar else { return false }
            position += 1
            return true
        }

        mutating func parameters(depth: Int) throws(CQLProtocolError) -> [CQLType] {
            guard consume("(") else { throw fail("expected '('") }
            var result = [try parse(depth: depth + 1)]
            while consume(",") { result.append(try parse(depth: depth + 1)) }
            guard consume(")") else { throw fail("expected ')'") }
            return result
        }

        mutating func parse(depth: Int) throws(CQLProtocolError) -> CQLType {
            guard depth < 64 else { throw fail("nesting deeper than 64") }
            let full = word()
            let name = full.hasPrefix(CQLType.marshalPrefix) ? String(full.dropFirst(CQLType.marshalPrefix.count)) : full
            if let simple = CQLType.simpleMarshalNames.first(where: { $0.0 == name }) { return simple.1 }
            switch name {
            case "FrozenType", "ReversedType":
                let inner = try parameters(depth: depth)
                guard inner.count == 1 else { throw fail("\(name) takes one parameter") }
                return inner[0]
            case "ListType", "SetType":
                let inner = try parameters(depth: depth)
                guard inner.count == 1 else { throw fail("\(name) takes one parameter") }
                return name == "ListType" ? .list(inner[0]) : .set(inner[0])
            case "MapType":
                let inner = try parameters(depth: depth)
                guard inner.count == 2 else { throw fail("MapType takes two parameters") }
                return .map(inner[0], inner[1])
            case "TupleType":
                return .tuple(try parameters(depth: depth))
            case "VectorType":
                guard consume("(") else { throw fail("expected '('") }
                let element = try parse(depth: depth + 1)
                guard consume(",") else { throw fail("VectorType needs a dimension") }
                guard let dimension = Int(word()), dimension > 0 else { throw fail("bad vector dimension") }
                guard consume(")") else { throw fail("expected ')'") }
                return .vector(element, dimension: dimension)
            case "UserType":
                guard consume("(") else { throw fail("expected '('") }
                let keyspace = word()
                guard consume(","), let typeName = CQLType.unhex(word()) else { throw fail("bad UserType name") }
                var fields: [UserDefinedType.Field] = []
                while consume(",") {
                    guard let fieldName = CQLType.unhex(word()), consume(":") else { throw fail("bad UserType field") }
                    fields.append(.init(name: fieldName, type: try parse(depth: depth + 1)))
                }
                guard consume(")") else { throw fail("expected ')'") }
                return .udt(.init(keyspace: keyspace, name: typeName, fields: fields))
            default:
                // Unknown class: consume any parameters verbatim and keep it custom.
                var nesting = 0
                while position < text.count {
                    if text[position] == "(" { nesting += 1 }
                    if text[position] == ")" { if nesting == 0 { break }; nesting -= 1 }
                    if text[position] == "," && nesting == 0 { break }
                    position += 1
                }
                return .custom(full)
            }
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
