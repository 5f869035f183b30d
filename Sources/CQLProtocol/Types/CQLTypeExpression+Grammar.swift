extension CQLTypeExpression {
    /// The deepest type nesting accepted by default (`map<text, list<int>>` nests 3 deep).
    public static let maximumDepth = 64

    /// Parses the type that starts at the first of `tokens`: CQL's `comparatorType`
    /// (`Parser.g`), that is a native type, `list`, `set`, `map`, `tuple`, `vector<T, n>`,
    /// `frozen<…>`, a `[keyspace.]name` user-defined type or a `'class'` custom type.
    ///
    /// The type may be followed by anything: the parser stops after its last token and says
    /// how many it read.
    /// - Parameters:
    ///   - tokens: The tokens from the type's first one on; reading past the last one reads
    ///     ``Token/end``.
    ///   - maximumDepth: How many levels of nesting may be entered; a statement parser passes
    ///     what its own limit leaves.
    /// - Returns: The type and the number of tokens it spans.
    /// - Throws: ``SyntaxError`` naming the offending token by its offset in `tokens`.
    public static func parse(
        _ tokens: some RandomAccessCollection<Token>, maximumDepth: Int = maximumDepth
    ) throws(SyntaxError) -> (type: CQLTypeExpression, tokenCount: Int) {
        var grammar = TypeGrammar(tokens: tokens, maximumDepth: maximumDepth)
        let type = try grammar.type()
        return (type, grammar.offset)
    }

    /// Parses a user-defined type name, `[keyspace.]name`, at the first of `tokens`, as
    /// `CREATE TYPE`, `ALTER TYPE` and `DROP TYPE` name it (`userTypeName` in `Parser.g`).
    ///
    /// The name may not be a reserved keyword, a native type name or a column-only keyword
    /// (``CQLKeywords/columnOnly`` other than `key`), nor one of
    /// ``CQLKeywords/reservedTypeNames``.
    /// - Parameter tokens: The tokens from the name's first one on.
    /// - Returns: The name and the number of tokens it spans.
    /// - Throws: ``SyntaxError`` naming the offending token by its offset in `tokens`.
    public static func parseUserTypeName(
        _ tokens: some RandomAccessCollection<Token>
    ) throws(SyntaxError) -> (name: UserTypeName, tokenCount: Int) {
        var grammar = TypeGrammar(tokens: tokens, maximumDepth: maximumDepth)
        let name = try grammar.userTypeName()
        return (name, grammar.offset)
    }
}

/// The words that take type parameters in angle brackets.
private let parameterizedTypeKeywords: Set<String> = ["frozen", "list", "set", "map", "tuple", "vector"]

/// Recursive descent over ``CQLTypeExpression/Token``s.
private struct TypeGrammar<Tokens: RandomAccessCollection> where Tokens.Element == CQLTypeExpression.Token {
    typealias Token = CQLTypeExpression.Token

    let tokens: Tokens
    let maximumDepth: Int
    /// The offset of the current token from the first one.
    private(set) var offset = 0
    private var depth = 0

    init(tokens: Tokens, maximumDepth: Int) {
        self.tokens = tokens
        self.maximumDepth = maximumDepth
    }

    // MARK: Token cursor

    func peek(_ ahead: Int = 0) -> Token {
        let position = offset + ahead
        guard position < tokens.count else { return .end }
        return tokens[tokens.index(tokens.startIndex, offsetBy: position)]
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = peek()
        offset += 1
        return token
    }

    mutating func consumeSymbol(_ symbol: String) -> Bool {
        guard peek().isSymbol(symbol) else { return false }
        offset += 1
        return true
    }

    mutating func expectSymbol(_ symbol: String) throws(CQLTypeExpression.SyntaxError) {
        guard consumeSymbol(symbol) else { throw failure(.expectedSymbol(symbol)) }
    }

    func failure(_ reason: CQLTypeExpression.SyntaxError.Reason) -> CQLTypeExpression.SyntaxError {
        CQLTypeExpression.SyntaxError(reason, tokenOffset: offset)
    }

    // MARK: Productions

    /// `comparatorType`.
    mutating func type() throws(CQLTypeExpression.SyntaxError) -> CQLTypeExpression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= maximumDepth else { throw failure(.nestingTooDeep) }
        let token = peek()
        if token.kind == .string {
            advance()
            return .custom(token.value)
        }
        if token.kind == .word && peek(1).isSymbol("<") && parameterizedTypeKeywords.contains(token.value) {
            advance()
            advance()
            let type = try parameters(of: token.value)
            try expectSymbol(">")
            return type
        }
        if token.kind == .word, let native = CQLType(nativeName: token.value) {
            advance()
            return .native(native)
        }
        return .userDefined(try userTypeName())
    }

    /// What stands between the angle brackets of `keyword<…>`.
    private mutating func parameters(of keyword: String) throws(CQLTypeExpression.SyntaxError) -> CQLTypeExpression {
        switch keyword {
        case "frozen": return .frozen(try type())
        case "list": return .list(try type())
        case "set": return .set(try type())
        case "map":
            let key = try type()
            try expectSymbol(",")
            return .map(key, try type())
        case "tuple":
            var elements = [try type()]
            while consumeSymbol(",") { elements.append(try type()) }
            return .tuple(elements)
        default:
            let element = try type()
            try expectSymbol(",")
            let token = peek()
            guard token.kind == .integer, let dimension = Int(token.value), dimension > 0 else {
                throw failure(.expectedDimension)
            }
            advance()
            return .vector(element, dimension: dimension)
        }
    }

    /// `userTypeName`: `[ks.]non_type_ident`.
    mutating func userTypeName() throws(CQLTypeExpression.SyntaxError) -> CQLTypeExpression.UserTypeName {
        var keyspace: String?
        if peek().isIdentifier && peek(1).isSymbol(".") {
            keyspace = advance().value
            advance()
        }
        return CQLTypeExpression.UserTypeName(keyspace: keyspace, name: try nonTypeIdentifier())
    }

    /// `non_type_ident`: an identifier that is not a native type name, a column-only keyword
    /// (other than `key`) or a reserved type name.
    private mutating func nonTypeIdentifier() throws(CQLTypeExpression.SyntaxError) -> String {
        let token = peek()
        if token.kind == .word {
            if CQLType(nativeName: token.value) != nil || (CQLKeywords.columnOnly.contains(token.value) && token.value != "key") {
                throw failure(.unexpectedToken)
            }
            if CQLKeywords.reservedTypeNames.contains(token.value) { throw failure(.reservedTypeName(token.value)) }
        }
        guard token.isIdentifier else { throw failure(.unexpectedToken) }
        advance()
        return token.value
    }
}
