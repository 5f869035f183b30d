/// One restriction of a `WHERE` clause (`relation` in `Parser.g`).
///
/// Examples: `k = ?` is `.column("k")`, `.equal`, `.term(.bindMarker(…))`;
/// `c IN (1, 2)` uses ``Value/list(_:)``; `c IN ?` is `.in` with a single marker term;
/// `token(a, b) > token(1, 2)` uses ``Target/token(_:)``; `(c1, c2) > (1, 2)` uses
/// ``Target/columns(_:)`` with a tuple term.
public struct Relation: Sendable, Hashable {
    /// The restricted expression.
    public var target: Target
    /// The operator.
    public var `operator`: Operator
    /// The right-hand side.
    public var value: Value

    /// Creates a relation.
    public init(_ target: Target, _ operator: Operator, _ value: Value) {
        self.target = target
        self.operator = `operator`
        self.value = value
    }

    /// The left-hand side of a relation.
    public enum Target: Sendable, Hashable {
        /// A column.
        case column(Identifier)
        /// An element of a map column: `m[key]`.
        case element(Identifier, key: Term)
        /// `token(a, b, …)` over partition key columns.
        case token([Identifier])
        /// A multi-column tuple `(c1, c2, …)`.
        case columns([Identifier])
    }

    /// The right-hand side of a relation or condition.
    public enum Value: Sendable, Hashable {
        /// A single term (a marker after `IN` stands for the whole list).
        case term(Term)
        /// The parenthesized list after `IN` / `NOT IN`.
        case list([Term])
        /// The two bounds of `BETWEEN lower AND upper`.
        case range(Term, Term)
    }
}
