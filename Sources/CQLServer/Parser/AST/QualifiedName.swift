/// A possibly keyspace-qualified name: `[keyspace.]name`, used for tables, types, indexes and
/// functions.
public struct QualifiedName: Sendable, Hashable, CustomStringConvertible {
    /// The keyspace, when written; `nil` means the session's current keyspace (or, for
    /// functions, the system or current keyspace).
    public var keyspace: Identifier?
    /// The object's name.
    public var name: Identifier

    /// Creates a name.
    /// - Parameters:
    ///   - keyspace: The keyspace, if qualified.
    ///   - name: The object's name.
    public init(keyspace: Identifier? = nil, name: Identifier) {
        self.keyspace = keyspace
        self.name = name
    }

    /// `keyspace.name` or `name`, quoted where needed.
    public var description: String {
        keyspace.map { "\($0).\(name)" } ?? name.description
    }
}
