/// One condition of a lightweight transaction's `IF` clause (`columnCondition` in `Parser.g`),
/// e.g. `v = 3`, `m['k'] != null`, `addr.city IN ('Paris', ?)`, `s CONTAINS 1`.
public struct Condition: Sendable, Hashable {
    /// The tested expression.
    public var target: Target
    /// The operator.
    public var `operator`: Operator
    /// The right-hand side (a list only for `IN`).
    public var value: Relation.Value

    /// Creates a condition.
    public init(_ target: Target, _ operator: Operator, _ value: Relation.Value) {
        self.target = target
        self.operator = `operator`
        self.value = value
    }

    /// The left-hand side of a condition.
    public enum Target: Sendable, Hashable {
        /// A column.
        case column(Identifier)
        /// An element of a collection column: `c[key]`.
        case element(Identifier, key: Term)
        /// A field of a user-defined type column: `c.field`.
        case field(Identifier, Identifier)
    }
}
