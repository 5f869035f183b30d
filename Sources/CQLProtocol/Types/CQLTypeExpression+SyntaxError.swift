extension CQLTypeExpression {
    /// Why the type grammar rejected a token sequence, and at which token.
    ///
    /// ``CQLTypeExpression/parse(_:maximumDepth:)`` throws this so that each caller can report
    /// it in its own error type: ``CQLTypeExpression/init(parsing:)`` as a
    /// ``CQLProtocolError`` with the character offset, CQLServer as a `ParseError` with line,
    /// column and Cassandra's wording.
    public struct SyntaxError: Error, Sendable, Hashable {
        /// What was wrong.
        public enum Reason: Sendable, Hashable {
            /// No type, or type name, can start with the token.
            case unexpectedToken
            /// The token should have been this symbol (`<`, `>` or `,`).
            case expectedSymbol(String)
            /// The token should have been a vector dimension, a positive integer.
            case expectedDimension
            /// The word is one Cassandra reserves for future types (`byte`, `interval`, …).
            case reservedTypeName(String)
            /// The type nests deeper than the parser allows.
            case nestingTooDeep
        }

        /// What was wrong.
        public var reason: Reason
        /// The offending token's offset from the first token given to the parser.
        public var tokenOffset: Int

        /// Creates an error.
        /// - Parameters:
        ///   - reason: What was wrong.
        ///   - tokenOffset: The offending token's offset.
        public init(_ reason: Reason, tokenOffset: Int) {
            self.reason = reason
            self.tokenOffset = tokenOffset
        }
    }
}
