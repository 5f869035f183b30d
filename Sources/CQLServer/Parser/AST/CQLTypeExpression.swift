import CQLProtocol

/// A CQL type as written in DDL or a type hint, keeping what ``CQLType`` drops: where `frozen`
/// was written and the (optionally keyspace-qualified) names of user-defined types.
///
/// ``description`` prints the type as written (with native names normalized, so `varchar`
/// prints as `text`); ``canonicalText`` prints it as Cassandra stores it in
/// `system_schema.columns.type`, e.g. `frozen<list<int>>`, `map<text, frozen<address>>`.
public indirect enum CQLTypeExpression: Sendable, Hashable, CustomStringConvertible {
    /// A native type such as `int` or `text` (never a collection, tuple, UDT or vector).
    case native(CQLType)
    /// `list<T>`.
    case list(CQLTypeExpression)
    /// `set<T>`.
    case set(CQLTypeExpression)
    /// `map<K, V>`.
    case map(CQLTypeExpression, CQLTypeExpression)
    /// `tuple<…>`; tuples are always frozen in Cassandra.
    case tuple([CQLTypeExpression])
    /// `vector<T, n>` (Cassandra 5).
    case vector(CQLTypeExpression, dimension: Int)
    /// A user-defined type, by name. Unqualified names resolve in the statement's keyspace.
    case userDefined(QualifiedName)
    /// `'org.example.MyType'`: a custom type named by its Java class.
    case custom(String)
    /// `frozen<T>`.
    case frozen(CQLTypeExpression)

    /// Whether values of this type are frozen: `frozen<…>` was written, or it is a tuple.
    public var isFrozen: Bool {
        switch self {
        case .frozen, .tuple: true
        default: false
        }
    }

    /// The type without a top-level `frozen<…>`.
    public var unfrozen: CQLTypeExpression {
        if case .frozen(let inner) = self { return inner.unfrozen }
        return self
    }

    /// Whether the type is a (frozen or not) collection: `list`, `set` or `map`.
    public var isCollection: Bool {
        switch unfrozen {
        case .list, .set, .map: true
        default: false
        }
    }

    /// The wire type, with `frozen` dropped. A user-defined type becomes
    /// ``CQLType/udt(_:)`` carrying only its keyspace (empty when unqualified) and name; the
    /// schema layer fills in the fields.
    public var cqlType: CQLType {
        switch self {
        case .native(let type): type
        case .list(let element): .list(element.cqlType)
        case .set(let element): .set(element.cqlType)
        case .map(let key, let value): .map(key.cqlType, value.cqlType)
        case .tuple(let elements): .tuple(elements.map(\.cqlType))
        case .vector(let element, let dimension): .vector(element.cqlType, dimension: dimension)
        case .userDefined(let name):
            .udt(.init(keyspace: name.keyspace?.name ?? "", name: name.name.name, fields: []))
        case .custom(let className): .custom(className)
        case .frozen(let inner): inner.cqlType
        }
    }

    /// The type as written (native names normalized).
    public var description: String {
        switch self {
        case .native(let type): type.description
        case .list(let element): "list<\(element)>"
        case .set(let element): "set<\(element)>"
        case .map(let key, let value): "map<\(key), \(value)>"
        case .tuple(let elements): "tuple<\(elements.map(\.description).joined(separator: ", "))>"
        case .vector(let element, let dimension): "vector<\(element), \(dimension)>"
        case .userDefined(let name): name.description
        case .custom(let className): "'\(className)'"
        case .frozen(let inner): "frozen<\(inner)>"
        }
    }

    /// The type as Cassandra prints it in `system_schema`: `frozen<…>` appears on the
    /// outermost frozen type only (everything inside a frozen type is frozen), tuples always
    /// print as frozen, and user-defined types print by name without keyspace.
    public var canonicalText: String {
        canonicalText(insideFrozen: false)
    }

    private func canonicalText(insideFrozen: Bool) -> String {
        func frozen(_ text: String) -> String { insideFrozen ? text : "frozen<\(text)>" }
        switch self {
        case .native(let type): return type.description
        case .list(let element): return "list<\(element.canonicalText(insideFrozen: insideFrozen))>"
        case .set(let element): return "set<\(element.canonicalText(insideFrozen: insideFrozen))>"
        case .map(let key, let value):
            return "map<\(key.canonicalText(insideFrozen: insideFrozen)), \(value.canonicalText(insideFrozen: insideFrozen))>"
        case .tuple(let elements):
            return frozen("tuple<\(elements.map { $0.canonicalText(insideFrozen: true) }.joined(separator: ", "))>")
        case .vector(let element, let dimension):
            return "vector<\(element.canonicalText(insideFrozen: insideFrozen)), \(dimension)>"
        case .userDefined(let name): return name.name.cqlText
        case .custom(let className): return "'\(className)'"
        case .frozen(let inner): return frozen(inner.canonicalText(insideFrozen: true))
        }
    }
}
