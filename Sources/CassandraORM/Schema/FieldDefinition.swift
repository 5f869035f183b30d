/// One field of a model: its CQL type text plus ORM behaviour.
///
/// A plain string literal is the type: `"email": "text"`. The long form adds a default, a
/// validation rule, uniqueness or `static`:
///
/// ```swift
/// "email": .init(type: "text", unique: true, rule: .init("must contain @") { $0.stringValue?.contains("@") ?? false }),
/// "status": .init(type: "text", default: "new"),
/// "token": .init(type: "uuid", default: .generated { .uuid(UUID()) }),
/// ```
public struct FieldDefinition: Sendable, ExpressibleByStringLiteral {
    /// The CQL type text as given (`"map<text, text>"`).
    public var type: String
    /// The value used when a save omits the field.
    public var `default`: Default?
    /// A validator run on every value written to the field.
    public var rule: Rule?
    /// Whether at most one row may hold each value (enforced with a lookup table and LWT).
    public var unique: Bool
    /// Whether the column is `STATIC` (shared by a partition's rows).
    public var isStatic: Bool

    /// A default value.
    public enum Default: Sendable {
        /// A fixed value.
        case value(ORMValue)
        /// A value computed at each save (ids, timestamps).
        case generated(@Sendable () -> ORMValue)

        /// The value to use now.
        public func resolve() -> ORMValue {
            switch self {
            case .value(let value): value
            case .generated(let make): make()
            }
        }
    }

    /// A validation rule: a predicate and the message reported when it fails.
    public struct Rule: Sendable {
        /// The message of the ``ORMError/Code/validationFailed`` error.
        public var message: String
        /// Returns whether a (non-NULL) value is acceptable.
        public var validator: @Sendable (ORMValue) -> Bool

        /// Creates a rule.
        /// - Parameters:
        ///   - message: the message reported on failure.
        ///   - validator: the predicate; NULL values are not checked.
        public init(_ message: String, validator: @escaping @Sendable (ORMValue) -> Bool) {
            self.message = message
            self.validator = validator
        }
    }

    /// Creates a field.
    /// - Parameters:
    ///   - type: the CQL type text.
    ///   - default: the default value.
    ///   - rule: a validation rule.
    ///   - unique: whether values are unique across rows.
    ///   - isStatic: whether the column is static.
    public init(type: String, default: Default? = nil, rule: Rule? = nil, unique: Bool = false, isStatic: Bool = false) {
        self.type = type
        self.default = `default`
        self.rule = rule
        self.unique = unique
        self.isStatic = isStatic
    }

    /// A field of type `value`.
    /// - Parameter value: the CQL type text.
    public init(stringLiteral value: String) {
        self.init(type: value)
    }
}

extension FieldDefinition.Default: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral {
    /// A fixed text default.
    public init(stringLiteral value: String) { self = .value(.string(value)) }
    /// A fixed integer default.
    public init(integerLiteral value: Int64) { self = .value(.int(value)) }
    /// A fixed floating-point default.
    public init(floatLiteral value: Double) { self = .value(.double(value)) }
    /// A fixed boolean default.
    public init(booleanLiteral value: Bool) { self = .value(.bool(value)) }
}
