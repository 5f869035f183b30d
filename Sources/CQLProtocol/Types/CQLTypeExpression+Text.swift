extension CQLTypeExpression: CustomStringConvertible {
    /// Parses CQL type text as written in DDL or in `system_schema.columns.type`, e.g.
    /// `frozen<map<text, list<int>>>`, `ks."Address"` or `vector<float, 3>`.
    ///
    /// Words are case-insensitive (`VARCHAR` is `text`), quoted names keep their case, white
    /// space is free between tokens, and nesting is limited to ``maximumDepth``.
    /// - Parameter text: The type text, and nothing else.
    /// - Throws: ``CQLProtocolError`` with ``CQLProtocolError/Code/invalidType`` when the text is
    ///   not exactly one type. The message says what was expected and what was found;
    ///   ``CQLProtocolError/offset`` is the offending token's offset in Unicode scalars.
    public init(parsing text: String) throws(CQLProtocolError) {
        let scalars = Array(text.unicodeScalars)
        let tokenizer: TypeTextTokenizer
        do { tokenizer = try TypeTextTokenizer(scalars) } catch {
            throw Self.invalid(text, error.message, offset: error.offset)
        }
        func offset(of token: Int) -> Int {
            token < tokenizer.spans.count ? tokenizer.spans[token].lowerBound : scalars.count
        }
        func found(_ token: Int) -> String {
            guard token < tokenizer.spans.count else { return "the end of the text" }
            return "'" + String(String.UnicodeScalarView(scalars[tokenizer.spans[token]])) + "'"
        }
        let parsed: (type: CQLTypeExpression, tokenCount: Int)
        do { parsed = try Self.parse(tokenizer.tokens) } catch {
            let token = error.tokenOffset
            let why = switch error.reason {
            case .unexpectedToken: "expected a type, found \(found(token))"
            case .expectedSymbol(let symbol): "expected '\(symbol)', found \(found(token))"
            case .expectedDimension: "expected a positive vector dimension, found \(found(token))"
            case .reservedTypeName(let name): "'\(name)' is reserved and cannot name a type"
            case .nestingTooDeep: "nesting deeper than \(Self.maximumDepth) levels at \(found(token))"
            }
            throw Self.invalid(text, why, offset: offset(of: token))
        }
        guard parsed.tokenCount == tokenizer.tokens.count else {
            let token = parsed.tokenCount
            throw Self.invalid(text, "unexpected \(found(token)) after the type", offset: offset(of: token))
        }
        self = parsed.type
    }

    private static func invalid(_ text: String, _ why: String, offset: Int) -> CQLProtocolError {
        CQLProtocolError(.invalidType, "invalid type '\(text)': \(why) at offset \(offset)", offset: offset)
    }

    /// The type as written: native names normalized (`varchar` prints as `text`), names
    /// quoted where CQL needs it, `frozen<…>` exactly where it was written and keyspaces kept.
    public var description: String {
        text(canonical: false, frozen: false)
    }

    /// The type as Cassandra 5 prints it in `system_schema.columns.type` (`CQL3Type.toString`):
    /// every frozen collection or user-defined type is spelled `frozen<…>`, including those
    /// frozen because they stand inside a frozen collection, a tuple or a vector; tuples always
    /// print as `frozen<tuple<…>>`; `frozen` on anything else is dropped, and user-defined
    /// types print without keyspace.
    ///
    /// For example `frozen<list<map<varchar, int>>>` prints as
    /// `frozen<list<frozen<map<text, int>>>>` and `tuple<int, address>` as
    /// `frozen<tuple<int, frozen<address>>>`.
    public var canonicalText: String {
        text(canonical: true, frozen: false)
    }

    /// - Parameters:
    ///   - canonical: Whether to print ``canonicalText`` rather than ``description``.
    ///   - frozen: In canonical text, whether an enclosing type freezes this one.
    private func text(canonical: Bool, frozen: Bool) -> String {
        func element(_ type: CQLTypeExpression, frozen: Bool) -> String {
            type.text(canonical: canonical, frozen: frozen)
        }
        func wrap(_ body: String, when frozen: Bool) -> String {
            frozen ? "frozen<\(body)>" : body
        }
        switch self {
        case .native(let type):
            return type.description
        case .list(let value):
            return wrap("list<\(element(value, frozen: frozen))>", when: frozen)
        case .set(let value):
            return wrap("set<\(element(value, frozen: frozen))>", when: frozen)
        case .map(let key, let value):
            return wrap("map<\(element(key, frozen: frozen)), \(element(value, frozen: frozen))>", when: frozen)
        case .tuple(let elements):
            let body = "tuple<\(elements.map { element($0, frozen: canonical) }.joined(separator: ", "))>"
            return wrap(body, when: canonical)
        case .vector(let value, let dimension):
            return "vector<\(element(value, frozen: canonical)), \(dimension)>"
        case .userDefined(let name):
            return canonical ? wrap(CQLKeywords.maybeQuote(name.name), when: frozen) : name.description
        case .custom(let className):
            return "'" + className.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        case .frozen(let inner):
            return canonical ? element(inner, frozen: true) : "frozen<\(element(inner, frozen: false))>"
        }
    }
}
