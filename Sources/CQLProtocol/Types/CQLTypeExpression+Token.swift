extension CQLTypeExpression {
    /// One token of CQL text as the type grammar sees it.
    ///
    /// ``CQLTypeExpression/init(parsing:)`` makes these from type text; a statement parser
    /// with its own lexer (CQLServer's) maps its tokens to them and calls
    /// ``CQLTypeExpression/parse(_:maximumDepth:)``, so both read types with one grammar.
    public struct Token: Sendable, Hashable {
        /// The category of a token.
        public enum Kind: Sendable, Hashable {
            /// An unquoted word; ``Token/value`` is lowercased.
            case word
            /// A double-quoted name; ``Token/value`` keeps its case with `""` unescaped.
            case quotedName
            /// A `'…'` string; ``Token/value`` is the unescaped content.
            case string
            /// An integer literal, possibly negative; ``Token/value`` is its text.
            case integer
            /// Punctuation; ``Token/value`` is the symbol (`<`, `>`, `,`, `.`, …).
            case symbol
            /// Any other literal (float, boolean, UUID, …); no type contains one.
            case other
            /// The end of the input.
            case end
        }

        /// The end of the input.
        public static let end = Token(kind: .end, value: "")

        /// The category.
        public var kind: Kind
        /// The normalized value (see ``Kind``).
        public var value: String

        /// Creates a token.
        /// - Parameters:
        ///   - kind: The category.
        ///   - value: The normalized value.
        public init(kind: Kind, value: String) {
            self.kind = kind
            self.value = value
        }

        /// Whether this is the punctuation `symbol`.
        func isSymbol(_ symbol: String) -> Bool {
            kind == .symbol && value == symbol
        }

        /// Whether the token can be an `ident`: an unquoted non-reserved word or a non-empty
        /// quoted name.
        var isIdentifier: Bool {
            switch kind {
            case .word: !CQLKeywords.isReserved(value)
            case .quotedName: !value.isEmpty
            default: false
            }
        }
    }
}
