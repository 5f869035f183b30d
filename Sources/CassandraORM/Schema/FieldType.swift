import CQLProtocol

/// A CQL column type parsed from its text (`"map<text, int>"`, `"frozen<address>"`,
/// `"vector<float, 3>"`), keeping `frozen` (which ``CQLProtocol/CQLType`` drops because it
/// is not a wire property) so that DDL and `system_schema` comparisons are exact.
///
/// This is the ORM's vocabulary over ``CQLProtocol/CQLTypeExpression``: parsing, printing and
/// the wire type all go through ``expression``.
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

    /// Parses type text as written in a schema or in `system_schema.columns.type`, with the
    /// grammar of ``CQLProtocol/CQLTypeExpression``.
    /// - Parameter text: the type text.
    /// - Throws: ``ORMError/Code/invalidSchema`` for malformed text (the message says what was
    ///   expected, what was found and where; ``ORMError/underlying`` is the
    ///   ``CQLProtocol/CQLProtocolError``), and for the types ``init(_:)`` refuses.
    public init(parsing text: String) throws(ORMError) {
        let expression: CQLTypeExpression
        do { expression = try CQLTypeExpression(parsing: text) } catch {
            throw ORMError(.invalidSchema, error.message, underlying: error)
        }
        try self.init(expression)
    }

    /// The ORM's view of a parsed type. Directly nested `frozen<frozen<…>>` collapses.
    /// - Parameter expression: the type.
    /// - Throws: ``ORMError/Code/invalidSchema`` for what ORM schemas cannot declare: custom
    ///   (`'class'`) types, and user-defined types named with a keyspace (the ORM creates its
    ///   types and tables in the client's keyspace).
    public init(_ expression: CQLTypeExpression) throws(ORMError) {
        switch expression {
        case .native(let type): self = .native(type.description)
        case .list(let element): self = .list(try FieldType(element))
        case .set(let element): self = .set(try FieldType(element))
        case .map(let key, let value): self = .map(try FieldType(key), try FieldType(value))
        case .tuple(let elements):
            var types: [FieldType] = []
            for element in elements { types.append(try FieldType(element)) }
            self = .tuple(types)
        case .vector(let element, let dimension): self = .vector(try FieldType(element), dimension)
        case .frozen(let inner):
            let type = try FieldType(inner)
            if case .frozen = type { self = type } else { self = .frozen(type) }
        case .userDefined(let name):
            guard name.keyspace == nil else {
                throw ORMError(.invalidSchema, "invalid type '\(expression)': name user-defined types without a keyspace; the ORM uses the client's")
            }
            self = .userDefined(name.name)
        case .custom:
            throw ORMError(.invalidSchema, "invalid type '\(expression)': the ORM does not support custom types")
        }
    }

    /// The shared type expression this type stands for; a ``native(_:)`` name that is not a
    /// CQL native type stands for `blob`.
    public var expression: CQLTypeExpression {
        switch self {
        case .native(let name): .native(CQLType(nativeName: name) ?? .blob)
        case .list(let element): .list(element.expression)
        case .set(let element): .set(element.expression)
        case .map(let key, let value): .map(key.expression, value.expression)
        case .tuple(let elements): .tuple(elements.map(\.expression))
        case .vector(let element, let dimension): .vector(element.expression, dimension: dimension)
        case .frozen(let inner): .frozen(inner.expression)
        case .userDefined(let name): .userDefined(.init(name: name))
        }
    }

    /// The canonical spelling, as Cassandra writes it in `system_schema`
    /// (`frozen<map<text, int>>`, `vector<float, 3>`; see
    /// ``CQLProtocol/CQLTypeExpression/canonicalText``).
    public var description: String {
        expression.canonicalText
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
        expression.cqlType
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
