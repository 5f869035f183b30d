import CQLProtocol

extension Parser {
    /// Parses a `comparatorType` with the shared type grammar of ``CQLProtocol/CQLTypeExpression``:
    /// native, collection, tuple, vector, user-defined, custom (`'class'`) or `frozen<…>`.
    mutating func typeExpression() throws(ParseError) -> CQLTypeExpression {
        let budget = Self.maximumDepth - depth
        return try withTypeGrammar { tokens throws(CQLTypeExpression.SyntaxError) in
            try CQLTypeExpression.parse(tokens, maximumDepth: budget)
        }
    }

    /// Parses `[ks.]type` (`userTypeName`) with the shared type grammar: the name of a type
    /// to create, alter or drop.
    mutating func userTypeName() throws(ParseError) -> QualifiedName {
        let name = try withTypeGrammar { tokens throws(CQLTypeExpression.SyntaxError) in
            try CQLTypeExpression.parseUserTypeName(tokens)
        }
        return QualifiedName(keyspace: name.keyspace.map { Identifier($0) }, name: Identifier(name.name))
    }

    /// Parses a `native_type` (the target of `CAST`).
    mutating func nativeType() throws(ParseError) -> CQLTypeExpression {
        guard current.kind == .identifier, let native = CQLType(nativeName: current.value) else {
            throw noViableAlternative()
        }
        advance()
        return .native(native)
    }

    /// Runs a production of the shared type grammar on the tokens from the current one on,
    /// moves past the tokens it read, and reports its errors with Cassandra's wording and the
    /// offending token's position.
    private mutating func withTypeGrammar<Result>(
        _ production: (LazyMapSequence<ArraySlice<Token>, CQLTypeExpression.Token>) throws(CQLTypeExpression.SyntaxError) -> (Result, Int)
    ) throws(ParseError) -> Result {
        do {
            let (result, tokenCount) = try production(tokens[index...].lazy.map(\.typeGrammarToken))
            index += tokenCount
            return result
        } catch {
            let token = peek(error.tokenOffset)
            switch error.reason {
            case .unexpectedToken: throw noViableAlternative(at: token)
            case .expectedSymbol(let symbol): throw mismatched(expecting: "'\(symbol)'", at: token)
            case .expectedDimension: throw mismatched(expecting: "INTEGER", at: token)
            case .reservedTypeName(let name): throw plainError("Invalid (reserved) user type name \(name)", at: token)
            case .nestingTooDeep:
                nestingLimitExceeded = true
                throw nestingTooDeep(at: token)
            }
        }
    }
}

extension Token {
    /// The token as the shared type grammar sees it.
    var typeGrammarToken: CQLTypeExpression.Token {
        let kind: CQLTypeExpression.Token.Kind = switch self.kind {
        case .identifier: .word
        case .quotedName: .quotedName
        case .string: .string
        case .integer: .integer
        case .symbol: .symbol
        case .endOfInput: .end
        case .float, .boolean, .duration, .uuid, .hexNumber: .other
        }
        return CQLTypeExpression.Token(kind: kind, value: value)
    }
}
