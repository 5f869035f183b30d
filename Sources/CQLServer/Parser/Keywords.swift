/// CQL keyword classification, from Cassandra's `Lexer.g`, `Parser.g` and
/// `reserved_keywords.txt` (Cassandra 5.0).
public enum Keywords {
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

    /// Native type names (`native_type` in `Parser.g`). They are unreserved keywords, usable
    /// as column names, but not as user-defined type names.
    public static let nativeTypes: Set<String> = [
        "ascii", "bigint", "blob", "boolean", "counter", "decimal", "double", "duration", "float",
        "inet", "int", "smallint", "text", "timestamp", "tinyint", "uuid", "varchar", "varint",
        "timeuuid", "date", "time",
    ]

    /// Names Cassandra refuses for user-defined types (`reservedTypeNames` in `Parser.g`).
    public static let reservedTypeNames: Set<String> = [
        "byte", "complex", "enum", "date", "interval", "macaddr", "bitstring",
    ]

    /// Whether `word` (lowercased) is a reserved keyword.
    /// - Parameter word: A lowercased unquoted word.
    /// - Returns: `true` when `word` cannot be an unquoted identifier.
    public static func isReserved(_ word: String) -> Bool {
        reserved.contains(word)
    }

    /// The ANTLR token name of a keyword as used in messages, e.g. `K_FROM`.
    static func tokenName(_ keyword: String) -> String {
        switch keyword {
        case "table": "K_COLUMNFAMILY"
        case "schema": "K_KEYSPACE"
        case "nan": "K_POSITIVE_NAN"
        case "infinity": "K_POSITIVE_INFINITY"
        default: "K_" + keyword.uppercased()
        }
    }
}
