import CQLProtocol

extension Parser {
    /// Whether `token` can be an `ident`: an unquoted non-reserved word or a non-empty quoted name.
    func isIdentifier(_ token: Token) -> Bool {
        switch token.kind {
        case .identifier: !CQLKeywords.isReserved(token.value)
        case .quotedName: !token.value.isEmpty
        default: false
        }
    }

    /// Parses an `ident` (also `cident`, `fident`, `noncol_ident`).
    mutating func identifier() throws(ParseError) -> Identifier {
        guard isIdentifier(current) else { throw noViableAlternative() }
        return Identifier(advance().value)
    }

    /// Parses `ks` (`keyspaceName`).
    mutating func keyspaceName() throws(ParseError) -> Identifier {
        if isSymbol("?") { throw plainError("Bind variables cannot be used for keyspace names") }
        return try identifier()
    }

    /// Parses `[ks.]name` (`columnFamilyName`, `indexName`).
    mutating func qualifiedName(kind: String = "table") throws(ParseError) -> QualifiedName {
        if isSymbol("?") { throw plainError("Bind variables cannot be used for \(kind) names") }
        let first = try identifier()
        guard consumeSymbol(".") else { return QualifiedName(name: first) }
        if isSymbol("?") { throw plainError("Bind variables cannot be used for \(kind) names") }
        return QualifiedName(keyspace: first, name: try identifier())
    }

    /// Whether `token` can be an `allowedFunctionName`.
    func isFunctionName(_ token: Token) -> Bool {
        if token.kind == .identifier && (token.value == "token" || token.value == "count") { return true }
        if token.kind == .identifier && CQLKeywords.columnOnly.contains(token.value) { return false }
        return isIdentifier(token)
    }

    /// Whether a function call starts here: `f(` or `ks.f(`.
    var isAtFunctionCall: Bool {
        if isFunctionName(current) && isSymbol("(", at: 1) { return true }
        return isIdentifier(current) && isSymbol(".", at: 1) && isFunctionName(peek(2)) && isSymbol("(", at: 3)
    }

    /// Parses `[ks.]f` (`functionName`); unquoted names are lowercased.
    mutating func functionName() throws(ParseError) -> QualifiedName {
        var keyspace: Identifier?
        if isSymbol(".", at: 1) {
            keyspace = try identifier()
            advance()
        }
        guard isFunctionName(current) else { throw noViableAlternative() }
        return QualifiedName(keyspace: keyspace, name: Identifier(advance().value))
    }
}
