import CQLProtocol

/// A CQL identifier (column, table, keyspace, field, type or index name) after Cassandra's
/// case rules: an unquoted name is lowercased, a `"Quoted"` name keeps its case.
///
/// Two identifiers are equal when their normalized names are equal, so `MyCol`, `mycol` and
/// `"mycol"` are the same identifier, and `"MyCol"` is a different one.
public struct Identifier: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The normalized name.
    public var name: String

    /// Creates an identifier from an already normalized name (as if it had been quoted).
    /// - Parameter name: The exact name.
    public init(_ name: String) {
        self.name = name
    }

    /// Creates an identifier from an unquoted spelling, lowercasing it.
    /// - Parameter unquoted: The name as written without quotes.
    public init(unquoted: String) {
        self.name = unquoted.lowercased()
    }

    /// Creates an identifier from a literal, taken as the exact name.
    public init(stringLiteral value: String) {
        self.name = value
    }

    /// The name as CQL would need it written: bare when it is a lowercase, non-reserved word,
    /// otherwise double-quoted with `"` doubled (Cassandra's `ColumnIdentifier.maybeQuote`).
    public var cqlText: String {
        CQLKeywords.maybeQuote(name)
    }

    /// The identifier as CQL text (see ``cqlText``).
    public var description: String { cqlText }

    /// Orders identifiers by name.
    public static func < (lhs: Identifier, rhs: Identifier) -> Bool { lhs.name < rhs.name }
}
