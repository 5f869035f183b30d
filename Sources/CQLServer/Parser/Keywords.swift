/// How the parser names keywords in ANTLR-style messages. Which words are keywords, and
/// which of them are reserved, is ``CQLProtocol/CQLKeywords``.
enum Keywords {
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
