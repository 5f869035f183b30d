/// A recursive-descent parser for one CQL statement, following Cassandra's `src/antlr/Parser.g`.
///
/// ```swift
/// let statement = try Parser.parse("SELECT * FROM ks.users WHERE id = ?")
/// let prepared = try Parser.parseWithBindMarkers("UPDATE t SET v = ? WHERE k = ?")
/// prepared.bindMarkerCount // 2
/// ```
///
/// The parser works on the token array from ``Lexer``. It backtracks in the few places where
/// `Parser.g` uses syntactic predicates (type hints versus tuples, `SELECT DISTINCT`, multi-column
/// relations); bind-marker numbering is rolled back with the position, so markers are always
/// numbered in textual order. Nesting is limited to ``maximumDepth`` so hostile input cannot
/// exhaust the stack.
///
/// The grammar is split by statement: `Parser+Select.swift`, `Parser+Insert.swift`,
/// `Parser+Update.swift`, `Parser+Delete.swift`, `Parser+Batch.swift`, `Parser+Schema.swift`,
/// `Parser+Table.swift` and `Parser+MaterializedView.swift` (DDL), with shared pieces in `Parser+Names.swift`,
/// `Parser+Term.swift`, `Parser+Type.swift`, `Parser+Relation.swift` and
/// `Parser+Property.swift`.
public struct Parser {
    /// The deepest nesting of terms, types and selectors accepted.
    public static let maximumDepth = 64

    var tokens: [Token]
    var index = 0
    var bindMarkers: [BindMarker] = []
    var depth = 0
    /// Set once the nesting limit is hit, so backtracking never hides that error.
    var nestingLimitExceeded = false

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses one statement; a trailing `;` is allowed.
    /// - Parameter text: The CQL text.
    /// - Returns: The statement.
    /// - Throws: ``ParseError`` when the text is not exactly one valid statement.
    public static func parse(_ text: String) throws(ParseError) -> Statement {
        try parseWithBindMarkers(text).statement
    }

    /// Parses one statement and reports its bind markers, for PREPARE.
    /// - Parameter text: The CQL text.
    /// - Returns: The statement and its markers in order of appearance.
    /// - Throws: ``ParseError`` when the text is not exactly one valid statement.
    public static func parseWithBindMarkers(_ text: String) throws(ParseError) -> ParsedStatement {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        let statement = try parser.statement()
        while parser.consumeSymbol(";") {}
        guard parser.current.kind == .endOfInput else { throw parser.mismatched(expecting: "EOF") }
        return ParsedStatement(statement: statement, bindMarkers: parser.bindMarkers)
    }

    mutating func statement() throws(ParseError) -> Statement {
        let first = current
        switch first.kind == .identifier ? first.value : "" {
        case "select": return .select(try select())
        case "insert": return .insert(try insert())
        case "update": return .update(try update())
        case "delete": return .delete(try delete())
        case "begin": return .batch(try batch())
        case "use":
            advance()
            return .use(.init(keyspace: try keyspaceName()))
        case "truncate": return .truncate(try truncate())
        case "create": return try create()
        case "alter": return try alter()
        case "drop": return try drop()
        default: throw noViableAlternative()
        }
    }

    // MARK: - Token cursor

    var current: Token { tokens[index] }

    func peek(_ offset: Int) -> Token {
        tokens[min(index + offset, tokens.count - 1)]
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func isKeyword(_ keyword: String, at offset: Int = 0) -> Bool {
        peek(offset).isKeyword(keyword)
    }

    func isSymbol(_ symbol: String, at offset: Int = 0) -> Bool {
        peek(offset).isSymbol(symbol)
    }

    mutating func consumeKeyword(_ keyword: String) -> Bool {
        guard isKeyword(keyword) else { return false }
        advance()
        return true
    }

    mutating func consumeSymbol(_ symbol: String) -> Bool {
        guard isSymbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func expectKeyword(_ keyword: String) throws(ParseError) {
        guard consumeKeyword(keyword) else { throw mismatched(expecting: Keywords.tokenName(keyword)) }
    }

    mutating func expectSymbol(_ symbol: String) throws(ParseError) {
        guard consumeSymbol(symbol) else { throw mismatched(expecting: "'\(symbol)'") }
    }

    /// Consumes `IF NOT EXISTS` when present.
    mutating func consumeIfNotExists() throws(ParseError) -> Bool {
        guard consumeKeyword("if") else { return false }
        try expectKeyword("not")
        try expectKeyword("exists")
        return true
    }

    /// Consumes `IF EXISTS` when present.
    mutating func consumeIfExists() throws(ParseError) -> Bool {
        guard consumeKeyword("if") else { return false }
        try expectKeyword("exists")
        return true
    }

    // MARK: - Backtracking

    struct State {
        var index: Int
        var markerCount: Int
        var depth: Int
    }

    var state: State { State(index: index, markerCount: bindMarkers.count, depth: depth) }

    mutating func restore(_ state: State) {
        index = state.index
        bindMarkers.removeLast(bindMarkers.count - state.markerCount)
        depth = state.depth
    }

    /// Increases the nesting depth; callers pair it with `defer { leave() }`.
    mutating func enter() throws(ParseError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            nestingLimitExceeded = true
            throw nestingTooDeep(at: current)
        }
    }

    mutating func leave() {
        depth -= 1
    }

    // MARK: - Errors

    func noViableAlternative(at token: Token? = nil) -> ParseError {
        let token = token ?? current
        return .positioned(line: token.line, column: token.column, "no viable alternative at input \(token.quotedForMessage)")
    }

    func mismatched(expecting expected: String, at token: Token? = nil) -> ParseError {
        let token = token ?? current
        return .positioned(line: token.line, column: token.column, "mismatched input \(token.quotedForMessage) expecting \(expected)")
    }

    /// The error for nesting beyond ``maximumDepth``, at `token`.
    func nestingTooDeep(at token: Token) -> ParseError {
        .positioned(line: token.line, column: token.column, "nesting deeper than \(Self.maximumDepth) levels")
    }

    /// An error Cassandra reports without a position (`addRecognitionError`).
    func plainError(_ message: String, at token: Token? = nil) -> ParseError {
        let token = token ?? current
        return ParseError(line: token.line, column: token.column, message: message)
    }

    // MARK: - Bind markers

    mutating func newBindMarker(name: Identifier?) -> BindMarker {
        let marker = BindMarker(index: bindMarkers.count, name: name)
        bindMarkers.append(marker)
        return marker
    }

    /// Whether the current token starts a marker: `?` or `:name`.
    var isAtBindMarker: Bool {
        isSymbol("?") || (isSymbol(":") && isIdentifier(peek(1)))
    }

    /// Parses `?` or `:name` (`marker` in `Parser.g`).
    mutating func bindMarker() throws(ParseError) -> BindMarker {
        if consumeSymbol("?") { return newBindMarker(name: nil) }
        try expectSymbol(":")
        return newBindMarker(name: try identifier())
    }

    /// Parses an `intValue`: an integer literal or a bind marker.
    mutating func integerOrMarker() throws(ParseError) -> Term {
        if current.kind == .integer { return .literal(.integer(advance().value)) }
        if isAtBindMarker { return .bindMarker(try bindMarker()) }
        throw noViableAlternative()
    }
}
