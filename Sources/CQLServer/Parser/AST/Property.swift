/// One `name = value` option of a `WITH` clause (`property` in `Parser.g`), e.g.
/// `replication = {'class': 'SimpleStrategy', 'replication_factor': 1}` or
/// `gc_grace_seconds = 0`.
public struct Property: Sendable, Hashable {
    /// The option name; an unquoted name is lowercased.
    public var name: String
    /// The value.
    public var value: Value

    /// Creates a property.
    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }

    /// A property value. Like Cassandra, constants keep only their raw text: `'abc'` is `abc`,
    /// `1` is `1`, `true` is `true`.
    public enum Value: Sendable, Hashable {
        /// A constant or unreserved keyword, as text.
        case text(String)
        /// A map of constants (`{'class': 'SimpleStrategy', …}`), keys and values as text.
        case map([String: String])
    }
}

extension [Property] {
    /// The value of the option named `name`, if present.
    public subscript(option name: String) -> Property.Value? {
        first { $0.name == name }?.value
    }
}
