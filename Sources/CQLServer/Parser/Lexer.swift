/// Splits CQL text into ``Token``s, following Cassandra's `src/antlr/Lexer.g`.
///
/// - Unquoted words are case-insensitive and lowercased; `"Quoted"` names keep their case
///   (`""` escapes a quote).
/// - String literals are `'…'` (with `''` escaping a quote) or `$$…$$`.
/// - Numbers: integers and floats may carry a leading `-` when it touches the digits
///   (`x - 3` and `x -3` lex differently, as in Cassandra); floats accept `.`, exponents,
///   `NaN`, `Infinity`, `-NaN` and `-Infinity`.
/// - Durations: unit form (`1h30m`, `2us`, `5µs`, `1mo`) and ISO 8601 (`P1Y2M`, `PT1H`, `P2W`,
///   `P0001-02-03T04:05:06`).
/// - `0x…` blobs, UUIDs, `true`/`false`, punctuation, `?`, and the comments `--`, `//`, `/* */`.
///
/// A named bind marker `:name` is two tokens (`:` and the name): as in `Parser.g`, the parser
/// combines them, so `{k:f(x)}` still lexes as a map entry.
///
/// The lexer never traps on malformed input; errors are ``ParseError``s with line and column.
public struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var line = 1
    private var column = 0

    /// Creates a lexer over `text`.
    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Lexes all of `text`.
    /// - Parameter text: CQL text.
    /// - Returns: The tokens, ending with one ``Token/Kind/endOfInput`` token.
    /// - Throws: ``ParseError`` on an unknown character, an unterminated string, quoted name
    ///   or comment.
    public static func tokenize(_ text: String) throws(ParseError) -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .endOfInput { return tokens }
        }
    }

    /// Returns the next token, or an ``Token/Kind/endOfInput`` token once the input is exhausted.
    /// - Throws: ``ParseError`` on malformed input.
    public mutating func next() throws(ParseError) -> Token {
        try skipTrivia()
        let startLine = line, startColumn = column, start = position
        func make(_ kind: Token.Kind, _ value: String) -> Token {
            Token(kind: kind, value: value, text: text(start, position), line: startLine, column: startColumn)
        }
        guard let c = peek() else {
            return Token(kind: .endOfInput, value: "", text: "", line: line, column: column)
        }
        switch c {
        case "'":
            return make(.string, try quoted(delimiter: "'"))
        case "\"":
            return make(.quotedName, try quoted(delimiter: "\""))
        case "$" where peek(1) == "$":
            return make(.string, try dollarString())
        case "-":
            if let token = signedLiteral() { return make(token.kind, token.value) }
            advance()
            return make(.symbol, "-")
        default:
            break
        }
        if isDigit(c) || isLetter(c) {
            let literal = wordOrNumber()
            return make(literal.kind, literal.value)
        }
        for symbol in ["<=", ">=", "!="] where matches(symbol) {
            advance(symbol.unicodeScalars.count)
            return make(.symbol, symbol)
        }
        if "()[]{},;.:=<>+*/%?".unicodeScalars.contains(c) {
            advance()
            return make(.symbol, String(c))
        }
        throw ParseError.positioned(line: line, column: column, "no viable alternative at character '\(c)'")
    }

    // MARK: - Scanning primitives

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private func scalar(at index: Int) -> Unicode.Scalar? {
        index < scalars.count ? scalars[index] : nil
    }

    private mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where position < scalars.count {
            if scalars[position] == "\n" {
                line += 1
                column = 0
            } else {
                column += 1
            }
            position += 1
        }
    }

    private mutating func advance(to index: Int) {
        advance(index - position)
    }

    private func matches(_ literal: String) -> Bool {
        var index = position
        for s in literal.unicodeScalars {
            guard scalar(at: index) == s else { return false }
            index += 1
        }
        return true
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(String.UnicodeScalarView(scalars[start..<end]))
    }

    private func isDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return ("0"..."9").contains(c)
    }

    private func isLetter(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    private func isHex(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return isDigit(c) || ("a"..."f").contains(c) || ("A"..."F").contains(c)
    }

    private func isWordCharacter(_ c: Unicode.Scalar?) -> Bool {
        isLetter(c) || isDigit(c) || c == "_"
    }

    private func endOfDigits(from index: Int) -> Int {
        var end = index
        while isDigit(scalar(at: end)) { end += 1 }
        return end
    }

    private func endOfWord(from index: Int) -> Int {
        var end = index
        while isWordCharacter(scalar(at: end)) { end += 1 }
        return end
    }

    // MARK: - Trivia

    private mutating func skipTrivia() throws(ParseError) {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                advance()
            } else if matches("--") || matches("//") {
                while let c = peek(), c != "\n", c != "\r" { advance() }
            } else if matches("/*") {
                let startLine = line, startColumn = column
                advance(2)
                while !matches("*/") {
                    guard peek() != nil else {
                        throw ParseError.positioned(line: startLine, column: startColumn, "unterminated comment starting at '/*'")
                    }
                    advance()
                }
                advance(2)
            } else {
                return
            }
        }
    }

    // MARK: - Strings and names

    /// Reads `'…'` or `"…"` with a doubled delimiter as escape.
    private mutating func quoted(delimiter: Unicode.Scalar) throws(ParseError) -> String {
        advance()
        var content = String.UnicodeScalarView()
        while true {
            guard let c = peek() else {
                throw ParseError.positioned(line: line, column: column, "mismatched character '<EOF>' expecting '\(delimiter)'")
            }
            if c == delimiter {
                if peek(1) == delimiter {
                    content.append(delimiter)
                    advance(2)
                    continue
                }
                advance()
                return String(content)
            }
            content.append(c)
            advance()
        }
    }

    /// Reads a `$$…$$` string, which has no escapes.
    private mutating func dollarString() throws(ParseError) -> String {
        advance(2)
        let start = position
        while !matches("$$") {
            guard peek() != nil else {
                throw ParseError.positioned(line: line, column: column, "mismatched character '<EOF>' expecting '$'")
            }
            advance()
        }
        let content = text(start, position)
        advance(2)
        return content
    }

    // MARK: - Numbers, durations, UUIDs and words

    /// A literal starting with `-`: a negative number, duration, `-NaN` or `-Infinity`.
    private mutating func signedLiteral() -> (kind: Token.Kind, value: String)? {
        let start = position
        if isDigit(peek(1)) {
            advance()
            let literal = number(start: start)
            return literal
        }
        if peek(1) == "P", let end = isoDurationEnd(from: position + 2) {
            advance(to: end)
            return (.duration, text(start, end))
        }
        let wordEnd = endOfWord(from: position + 1)
        switch text(position + 1, wordEnd).lowercased() {
        case "nan":
            advance(to: wordEnd)
            return (.float, "NaN")
        case "infinity":
            advance(to: wordEnd)
            return (.float, "-Infinity")
        default:
            return nil
        }
    }

    /// A token starting with a letter or digit: UUID, blob, number, duration, boolean or word.
    /// Ties are broken by longest match, then by `Lexer.g` rule order, as ANTLR does.
    private mutating func wordOrNumber() -> (kind: Token.Kind, value: String) {
        let start = position
        if let end = uuidEnd(from: start) {
            advance(to: end)
            return (.uuid, text(start, end).lowercased())
        }
        if peek() == "0", peek(1) == "x" || peek(1) == "X" {
            var end = start + 2
            while isHex(scalar(at: end)) { end += 1 }
            advance(to: end)
            return (.hexNumber, text(start + 2, end))
        }
        if isDigit(peek()) { return number(start: start) }
        let wordEnd = endOfWord(from: start)
        if peek() == "P", let end = isoDurationEnd(from: start + 1), end >= wordEnd {
            advance(to: end)
            return (.duration, text(start, end))
        }
        advance(to: wordEnd)
        let word = text(start, wordEnd).lowercased()
        switch word {
        case "true", "false": return (.boolean, word)
        case "nan": return (.float, "NaN")
        case "infinity": return (.float, "Infinity")
        default: return (.identifier, word)
        }
    }

    /// An integer, float or unit-form duration whose digits start at `position` (a `-` sign,
    /// if any, is at `start`).
    private mutating func number(start: Int) -> (kind: Token.Kind, value: String) {
        if let end = unitDurationEnd(from: position) {
            advance(to: end)
            return (.duration, text(start, end))
        }
        var end = endOfDigits(from: position)
        var kind = Token.Kind.integer
        if scalar(at: end) == ".", scalar(at: end + 1) != "." {
            kind = .float
            end = endOfDigits(from: end + 1)
        }
        if scalar(at: end) == "e" || scalar(at: end) == "E" {
            var exponent = end + 1
            if scalar(at: exponent) == "+" || scalar(at: exponent) == "-" { exponent += 1 }
            if isDigit(scalar(at: exponent)) {
                kind = .float
                end = endOfDigits(from: exponent)
            }
        }
        advance(to: end)
        return (kind, text(start, end))
    }

    /// The end of `DIGIT+ UNIT (DIGIT+ UNIT)*` starting at `index`, or `nil`.
    private func unitDurationEnd(from index: Int) -> Int? {
        var cursor = index
        var end: Int?
        while true {
            let digitsEnd = endOfDigits(from: cursor)
            guard digitsEnd > cursor, let unit = unitLength(at: digitsEnd) else { return end }
            cursor = digitsEnd + unit
            end = cursor
        }
    }

    /// The length of the duration unit at `index` (`y mo w d h m s ms us µs ns`), or `nil`.
    private func unitLength(at index: Int) -> Int? {
        guard let first = scalar(at: index) else { return nil }
        let pair = text(index, min(index + 2, scalars.count)).lowercased()
        if ["mo", "ms", "us", "µs", "ns"].contains(pair) { return 2 }
        return "yYwWdDhHmMsS".unicodeScalars.contains(first) ? 1 : nil
    }

    /// The end of an ISO 8601 duration whose `P` is at `index - 1`, or `nil`.
    private func isoDurationEnd(from index: Int) -> Int? {
        // Alternative format: PYYYY-MM-DDThh:mm:ss.
        let pattern = Array("dddd-dd-ddTdd:dd:dd".unicodeScalars)
        if index + pattern.count <= scalars.count,
           pattern.indices.allSatisfy({ pattern[$0] == "d" ? isDigit(scalars[index + $0]) : scalars[index + $0] == pattern[$0] }) {
            return index + pattern.count
        }
        if scalar(at: index) == "T" { return designatorsEnd(from: index + 1, letters: ["H", "M", "S"]) }
        let digitsEnd = endOfDigits(from: index)
        if digitsEnd > index, scalar(at: digitsEnd) == "W" { return digitsEnd + 1 }
        guard let period = designatorsEnd(from: index, letters: ["Y", "M", "D"]) else { return nil }
        if scalar(at: period) == "T", let time = designatorsEnd(from: period + 1, letters: ["H", "M", "S"]) {
            return time
        }
        return period
    }

    /// The end of `(DIGIT+ L)+` where each `L` comes later in `letters` than the previous one.
    private func designatorsEnd(from index: Int, letters: [Unicode.Scalar]) -> Int? {
        var cursor = index
        var next = 0
        var end: Int?
        while next < letters.count {
            let digitsEnd = endOfDigits(from: cursor)
            guard digitsEnd > cursor, let letter = scalar(at: digitsEnd),
                  let found = letters[next...].firstIndex(of: letter) else { break }
            cursor = digitsEnd + 1
            end = cursor
            next = found + 1
        }
        return end
    }

    /// The end of a UUID (`8-4-4-4-12` hex digits) starting at `index`, or `nil`.
    private func uuidEnd(from index: Int) -> Int? {
        let groups = [8, 4, 4, 4, 12]
        var cursor = index
        for (offset, length) in groups.enumerated() {
            if offset > 0 {
                guard scalar(at: cursor) == "-" else { return nil }
                cursor += 1
            }
            for _ in 0..<length {
                guard isHex(scalar(at: cursor)) else { return nil }
                cursor += 1
            }
        }
        return cursor
    }
}
