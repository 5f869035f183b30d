import CQLProtocol

/// A column declared by `CREATE TABLE` or `ALTER TABLE … ADD`: `name type [STATIC]`.
public struct ColumnDefinition: Sendable, Hashable {
    /// The column name.
    public var name: Identifier
    /// The declared type.
    public var type: CQLTypeExpression
    /// Whether `STATIC` was written.
    public var isStatic: Bool

    /// Creates a column definition.
    public init(name: Identifier, type: CQLTypeExpression, isStatic: Bool = false) {
        self.name = name
        self.type = type
        self.isStatic = isStatic
    }
}
