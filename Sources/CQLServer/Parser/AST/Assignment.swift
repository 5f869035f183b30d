/// One `SET` assignment of an `UPDATE` (`columnOperation` in `Parser.g`).
public struct Assignment: Sendable, Hashable {
    /// The assigned column.
    public var column: Identifier
    /// What is done to it.
    public var operation: Operation

    /// Creates an assignment.
    public init(column: Identifier, operation: Operation) {
        self.column = column
        self.operation = operation
    }

    /// The kind of update.
    public enum Operation: Sendable, Hashable {
        /// `c = term`.
        case set(Term)
        /// `c = c + term` (counter increment, collection append/union). `c = c -3` is lexed
        /// as an addition of `-3`, as in Cassandra.
        case add(Term)
        /// `c = c - term` (counter decrement, collection removal).
        case subtract(Term)
        /// `c = term + c` (list prepend).
        case prepend(Term)
        /// `c[key] = term` (list index or map key).
        case setElement(key: Term, value: Term)
        /// `c.field = term` (user-defined type field).
        case setField(Identifier, Term)
    }
}
