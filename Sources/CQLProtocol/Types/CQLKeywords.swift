/// How Cassandra 5.0 classifies the words of CQL text (`Lexer.g`, `Parser.g` and
/// `reserved_keywords.txt`), for every layer that reads or writes CQL: the type grammar of
/// ``CQLTypeExpression``, CQLServer's statement parser and identifier quoting.
///
/// Words are compared in lower case, as the CQL lexer folds unquoted words.
public enum CQLKeywords {
    /// Keywords that can never be used as an unquoted identifier.
    ///
    /// `true` and `false` are not listed: they lex as booleans, so they cannot be identifiers
    /// either. `NaN` and `Infinity` lex as float literals.
    public static let reserved: Set<String> = [
        "add", "allow", "alter", "and", "apply", "asc", "authorize", "batch", "begin", "by",
        "columnfamily", "create", "delete", "desc", "describe", "drop", "entries", "execute",
        "from", "full", "grant", "if", "in", "index", "infinity", "insert", "into", "is",
        "keyspace", "limit", "materialized", "modify", "nan", "norecursive", "not", "null", "of",
        "on", "or", "order", "primary", "rename", "revoke", "schema", "select", "set", "table",
        "to", "token", "truncate", "unlogged", "update", "use", "using", "view", "where", "with",
    ]

    /// Unreserved keywords that are not `basic_unreserved_keyword`s: they may name columns, but
    /// not functions, nor user-defined types (except `key`, which `non_type_ident` allows).
    public static let columnOnly: Set<String> = ["ttl", "count", "writetime", "maxwritetime", "key", "cast", "json", "distinct"]

    /// Names Cassandra refuses for user-defined types (`reservedTypeNames` in `Parser.g`).
    public static let reservedTypeNames: Set<String> = [
        "byte", "complex", "enum", "date", "interval", "macaddr", "bitstring",
    ]

    /// Whether `word` is a reserved keyword.
    /// - Parameter word: A lowercased unquoted word.
    /// - Returns: `true` when `word` cannot be an unquoted identifier.
    public static func isReserved(_ word: String) -> Bool {
        reserved.contains(word)
    }

    /// `name` as CQL needs it written: bare when it is a lowercase, non-reserved word,
    /// otherwise double-quoted with `"` doubled (Cassandra's `ColumnIdentifier.maybeQuote`).
    /// - Parameter name: The exact (case-sensitive) name.
    /// - Returns: The name, quoted when needed.
    public static func maybeQuote(_ name: String) -> String {
        var first = true
        let isPlain = !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            defer { first = false }
            let isLower = ("a"..."z").contains(scalar)
            return first ? isLower : isLower || ("0"..."9").contains(scalar) || scalar == "_"
        }
        if isPlain && !isReserved(name) { return name }
        return "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
