/// One lexical token of CQL text, as produced by ``Lexer``.
///
/// Keywords are not a separate kind: an unquoted word is an ``Kind/identifier`` token whose
/// ``value`` is lowercased, and the parser decides from context whether it is a keyword (see
/// ``CQLProtocol/CQLKeywords``). This mirrors Cassandra, where many keywords are "unreserved"
/// and may name columns, tables or functions.
public struct Token: Sendable, Hashable {
    /// The category of a token (Cassandra `Lexer.g` token types).
    public enum Kind: Sendable, Hashable {
        /// An unquoted word (`IDENT` or any `K_…` keyword); ``Token/value`` is lowercased.
        case identifier
        /// A double-quoted name (`QUOTED_NAME`); ``Token/value`` keeps its case with `""` unescaped.
        case quotedName
        /// A string literal in `'…'` or `$$…$$` form; ``Token/value`` is the unescaped content.
        case string
        /// An integer literal, possibly negative; ``Token/value`` is its text.
        case integer
        /// A floating-point literal (`1.5`, `2e10`, `NaN`, `-Infinity`); ``Token/value`` is its text.
        case float
        /// `true` or `false`; ``Token/value`` is lowercased.
        case boolean
        /// A duration literal (`1h30m`, `P1D`, `PT2H`, …); ``Token/value`` is its text.
        case duration
        /// A UUID literal; ``Token/value`` is its text.
        case uuid
        /// A blob literal `0x…`; ``Token/value`` is the hex digits after `0x`.
        case hexNumber
        /// Punctuation or an operator (`(`, `<=`, `?`, …); ``Token/value`` is the symbol.
        case symbol
        /// The end of the input.
        case endOfInput
    }

    /// The category.
    public var kind: Kind
    /// The normalized value (see ``Kind``).
    public var value: String
    /// The token as written in the source, used in error messages.
    public var text: String
    /// The 1-based line where the token starts.
    public var line: Int
    /// The 0-based column where the token starts.
    public var column: Int

    /// Creates a token.
    public init(kind: Kind, value: String, text: String, line: Int, column: Int) {
        self.kind = kind
        self.value = value
        self.text = text
        self.line = line
        self.column = column
    }

    /// Whether this is the unquoted word `keyword` (compared case-insensitively).
    func isKeyword(_ keyword: String) -> Bool {
        kind == .identifier && value == keyword
    }

    /// Whether this is the punctuation `symbol`.
    func isSymbol(_ symbol: String) -> Bool {
        kind == .symbol && value == symbol
    }

    /// The token as ANTLR quotes it in messages: `'x'`, or `'<EOF>'` at the end.
    var quotedForMessage: String {
        kind == .endOfInput ? "'<EOF>'" : "'\(text)'"
    }
}
