/// Splits CQL type text into the type grammar's tokens, with CQL's lexical rules for the few
/// kinds a type uses: words (`[A-Za-z][A-Za-z0-9_]*`, lowercased), `"quoted"` names and
/// `'…'` strings (a doubled quote escapes one), unsigned integers and single-character
/// punctuation. `true` and `false` are booleans, not words, as in CQL.
struct TypeTextTokenizer {
    /// A failure to split the text: what went wrong and the offset (in Unicode scalars) where.
    struct Failure: Error {
        var message: String
        var offset: Int
    }

    private let scalars: [Unicode.Scalar]
    private var position = 0
    /// The tokens read so far.
    private(set) var tokens: [CQLTypeExpression.Token] = []
    /// Where each token stands in the text, in Unicode scalars.
    private(set) var spans: [Range<Int>] = []

    /// Reads all of `scalars`.
    /// - Throws: ``Failure`` for an unterminated quoted name or string.
    init(_ scalars: [Unicode.Scalar]) throws(Failure) {
        self.scalars = scalars
        while true {
            while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
            guard position < scalars.count else { return }
            let start = position
            let token = try next()
            tokens.append(token)
            spans.append(start..<position)
        }
    }

    private mutating func next() throws(Failure) -> CQLTypeExpression.Token {
        let first = scalars[position]
        switch first {
        case "\"": return CQLTypeExpression.Token(kind: .quotedName, value: try quoted(what: "quoted name"))
        case "'": return CQLTypeExpression.Token(kind: .string, value: try quoted(what: "custom type class"))
        case _ where Self.isDigit(first):
            let digits = run(while: Self.isDigit)
            return CQLTypeExpression.Token(kind: .integer, value: digits)
        case _ where Self.isLetter(first):
            let word = run { Self.isLetter($0) || Self.isDigit($0) || $0 == "_" }.lowercased()
            return CQLTypeExpression.Token(kind: word == "true" || word == "false" ? .other : .word, value: word)
        default:
            position += 1
            return CQLTypeExpression.Token(kind: .symbol, value: String(first))
        }
    }

    /// Reads `q…q` with `qq` standing for one `q`, where `q` is the current scalar.
    private mutating func quoted(what: String) throws(Failure) -> String {
        let quote = scalars[position]
        let start = position
        position += 1
        var content = String.UnicodeScalarView()
        while position < scalars.count {
            if scalars[position] == quote {
                guard position + 1 < scalars.count, scalars[position + 1] == quote else {
                    position += 1
                    return String(content)
                }
                position += 1
            }
            content.append(scalars[position])
            position += 1
        }
        throw Failure(message: "unterminated \(what)", offset: start)
    }

    private mutating func run(while accepts: (Unicode.Scalar) -> Bool) -> String {
        let start = position
        while position < scalars.count, accepts(scalars[position]) { position += 1 }
        return String(String.UnicodeScalarView(scalars[start..<position]))
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
