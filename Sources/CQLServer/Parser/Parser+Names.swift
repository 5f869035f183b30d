extension Parser {
    /// Unreserved keywords that are not `basic_unreserved_keyword`s: they may name columns but
    /// not user-defined types or functions.
    static let columnOnlyKeywords: Set<String> = ["ttl", "count", "writetime", "maxwritetime", "key", "cast", "json", "distinct"]

    /// Whether `token` can be an `ident`: an unquoted non-reserved word or a non-empty quoted name.
    func isIdentifier(_ token: Token) -> Bool {
        switch token.kind {
        case .identifier: !Keywords.isReserved(token.value)
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

    /// Parses `[ks.]type` (`userTypeName`), whose last part must be a `non_type_ident`.
    mutating func userTypeName() throws(ParseError) -> QualifiedName {
        var keyspace: Identifier?
        if isIdentifier(current), isSymbol(".", at: 1) {
            keyspace = try identifier()
            advance()
        }
        return QualifiedName(keyspace: keyspace, name: try nonTypeIdentifier())
    }

    /// Parses a `non_type_ident`: a user-defined type name, which may not be a native type
    /// name nor one of Cassandra's reserved type names.
    mutating func nonTypeIdentifier() throws(ParseError) -> Identifier {
        let token = current
        if token.kind == .identifier {
            if Keywords.nativeTypes.contains(token.value) || (Self.columnOnlyKeywords.contains(token.value) && token.value != "key") {
                throw noViableAlternative()
            }
            if Keywords.reservedTypeNames.contains(token.value) {
                throw plainError("Invalid (reserved) user type name \(token.value)")
            }
        }
        return try identifier()
    }

    /// Whether `token` can be an `allowedFunctionName`.
    func isFunctionName(_ token: Token) -> Bool {
        if token.kind == .identifier && (token.value == "token" || token.value == "count") { return true }
        if token.kind == .identifier && Self.columnOnlyKeywords.contains(token.value) { return false }
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
