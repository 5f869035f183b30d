import Foundation
import CQLProtocol

/// A value expression (`term` in `Parser.g`): literals, collections, tuples, UDT literals,
/// function calls, bind markers and type hints.
///
/// Literals are untyped: `1` may become an `int`, a `bigint` or a `varint`, and `'x'` a `text`
/// or a `timestamp`, depending on the column it is assigned to. The server types them.
public indirect enum Term: Sendable, Hashable {
    /// A constant.
    case literal(Literal)
    /// `null`.
    case null
    /// `?` or `:name`.
    case bindMarker(BindMarker)
    /// `[a, b]`: a list literal (or a vector literal).
    case list([Term])
    /// `{a, b}`: a set literal. `{}` is parsed as an empty set, as Cassandra does; it may also
    /// stand for an empty map.
    case set([Term])
    /// `{k: v, …}`: a map literal.
    case map([MapEntry])
    /// `(a, b)`: a tuple literal.
    case tuple([Term])
    /// `{field: value, …}`: a user-defined type literal.
    case userType([UserTypeField])
    /// `f(args)` or `ks.f(args)`; unquoted function names are lowercased (`toTimestamp` is
    /// `totimestamp`).
    case functionCall(QualifiedName, [Term])
    /// `(type) term`: a type hint, e.g. `(int) ?`.
    case typeHint(CQLTypeExpression, Term)
    /// `CAST(term AS type)`.
    case cast(Term, CQLTypeExpression)
    /// `-term` for a term that is not a numeric literal (a negative literal is a
    /// ``Literal/integer(_:)`` or ``Literal/float(_:)`` with a leading `-`).
    case negation(Term)

    /// One `key: value` entry of a map literal.
    public struct MapEntry: Sendable, Hashable {
        /// The key.
        public var key: Term
        /// The value.
        public var value: Term
        /// Creates an entry.
        public init(key: Term, value: Term) {
            self.key = key
            self.value = value
        }
    }

    /// One `field: value` entry of a user-defined type literal.
    public struct UserTypeField: Sendable, Hashable {
        /// The field name.
        public var name: Identifier
        /// The value.
        public var value: Term
        /// Creates a field entry.
        public init(name: Identifier, value: Term) {
            self.name = name
            self.value = value
        }
    }
}

/// A constant (`constant` in `Parser.g`), kept as written so the server can type it.
public enum Literal: Sendable, Hashable {
    /// A string literal's content (`'it''s'` is `it's`).
    case string(String)
    /// An integer as written, possibly with a leading `-`; it may exceed 64 bits (`varint`).
    case integer(String)
    /// A floating-point number as written, or `NaN`, `Infinity`, `-Infinity`.
    case float(String)
    /// `true` or `false`.
    case boolean(Bool)
    /// A UUID (or timeuuid) literal.
    case uuid(UUID)
    /// A `0x…` blob literal.
    case blob([UInt8])
    /// A duration as written (`1h30m`, `-2d`, `P1Y2M`, `PT10S`).
    case duration(String)
}
