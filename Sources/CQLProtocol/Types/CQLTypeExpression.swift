/// A CQL type as written in DDL, a type hint or `system_schema`, keeping what ``CQLType``
/// drops: where `frozen` was written, the (optionally keyspace-qualified) names of
/// user-defined types and the class names of custom types.
///
/// ```swift
/// let type = try CQLTypeExpression(parsing: "map<varchar, frozen<list<int>>>")
/// type.canonicalText // "map<text, frozen<list<int>>>"
/// type.cqlType       // .map(.text, .list(.int))
/// ```
///
/// This is the package's one grammar for CQL types: ``init(parsing:)`` reads type text,
/// ``parse(_:maximumDepth:)`` reads the tokens of a larger statement (CQLServer's parser), and
/// ``CQLType/init(parsing:)`` and the ORM's `FieldType` are built on it. ``canonicalText``
/// prints a type as Cassandra stores it; ``description`` prints it as written.
public indirect enum CQLTypeExpression: Sendable, Hashable {
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
    case userDefined(UserTypeName)
    /// `'org.example.MyType'`: a custom type named by its Java class.
    case custom(String)
    /// `frozen<T>`.
    case frozen(CQLTypeExpression)

    /// The expression of a stored type, as Cassandra prints it: `frozen` on the type itself
    /// when `frozen` is true (collections and UDTs only), and on every collection and UDT
    /// nested in another type, since Cassandra freezes those.
    ///
    /// A UDT keeps its keyspace (none when empty); its fields are not part of the expression.
    /// - Parameters:
    ///   - type: The wire type.
    ///   - frozen: Whether the value is frozen (one cell).
    public init(_ type: CQLType, frozen: Bool = false) {
        let expression: CQLTypeExpression
        switch type {
        case .list(let element): expression = .list(CQLTypeExpression(element, frozen: true))
        case .set(let element): expression = .set(CQLTypeExpression(element, frozen: true))
        case .map(let key, let value): expression = .map(CQLTypeExpression(key, frozen: true), CQLTypeExpression(value, frozen: true))
        case .udt(let udt): expression = .userDefined(UserTypeName(keyspace: udt.keyspace.isEmpty ? nil : udt.keyspace, name: udt.name))
        case .tuple(let elements):
            self = .tuple(elements.map { CQLTypeExpression($0, frozen: true) })
            return
        case .vector(let element, let dimension):
            self = .vector(CQLTypeExpression(element, frozen: true), dimension: dimension)
            return
        case .custom(let className):
            self = .custom(className)
            return
        default:
            self = .native(type)
            return
        }
        self = frozen ? .frozen(expression) : expression
    }

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

    /// The wire type, with `frozen` dropped. A user-defined type becomes its
    /// ``UserTypeName/cqlType`` (no fields; the schema layer fills them in) and a custom type
    /// stays ``CQLType/custom(_:)`` with its class name as written.
    public var cqlType: CQLType {
        cqlType(userType: \.cqlType, customType: CQLType.custom)
    }

    /// The wire type, with `frozen` dropped and names resolved by the caller.
    ///
    /// The functions run depth-first, left to right, so the first failure is the leftmost.
    /// - Parameters:
    ///   - userType: The wire type of a user-defined type name (typically looked up in a keyspace).
    ///   - customType: The wire type of a custom class name (for example ``CQLType/init(marshalClass:)``).
    /// - Returns: The wire type.
    /// - Throws: Whatever `userType` or `customType` throws.
    public func cqlType<Failure: Error>(
        userType: (UserTypeName) throws(Failure) -> CQLType,
        customType: (String) throws(Failure) -> CQLType
    ) throws(Failure) -> CQLType {
        func resolve(_ type: CQLTypeExpression) throws(Failure) -> CQLType {
            try type.cqlType(userType: userType, customType: customType)
        }
        switch self {
        case .native(let type): return type
        case .frozen(let inner): return try resolve(inner)
        case .list(let element): return .list(try resolve(element))
        case .set(let element): return .set(try resolve(element))
        case .map(let key, let value): return .map(try resolve(key), try resolve(value))
        case .tuple(let elements):
            var types: [CQLType] = []
            for element in elements { types.append(try resolve(element)) }
            return .tuple(types)
        case .vector(let element, let dimension): return .vector(try resolve(element), dimension: dimension)
        case .userDefined(let name): return try userType(name)
        case .custom(let className): return try customType(className)
        }
    }
}
