import CQLProtocol

/// One expression of a `SELECT` clause (`unaliasedSelector` in `Parser.g`).
public indirect enum Selector: Sendable, Hashable {
    /// A column.
    case column(Identifier)
    /// `COUNT(*)` (also `COUNT(1)` is a ``function(_:_:)`` call named `count`).
    case countRows
    /// `WRITETIME(c)`.
    case writeTime(Identifier)
    /// `MAXWRITETIME(c)`.
    case maxWriteTime(Identifier)
    /// `TTL(c)`.
    case timeToLive(Identifier)
    /// A function call with selector arguments, e.g. `token(a, b)`, `toTimestamp(now())`,
    /// `similarity_cosine(v, [1.0, 2.0])`. Unquoted names are lowercased.
    case function(QualifiedName, [Selector])
    /// `CAST(selector AS type)`.
    case cast(Selector, CQLTypeExpression)
    /// A user-defined type field: `selector.field`.
    case field(Selector, Identifier)
    /// A collection element: `selector[key]`.
    case element(Selector, Term)
    /// A constant, `null`, a bind marker or a collection/tuple/UDT literal.
    case term(Term)
    /// `(type) selector`.
    case typeHint(CQLTypeExpression, Selector)
}
