extension Parser {
    /// Parses `SELECT … FROM …` (`selectStatement` in `Parser.g`).
    ///
    /// `SELECT JSON` is refused. `json` and `distinct` are unreserved keywords, so
    /// `SELECT json FROM t` selects a column named `json`; as in `Parser.g`, the keyword reading
    /// wins only when a valid selector list and `FROM` follow it.
    mutating func select() throws(ParseError) -> Statement.Select {
        try expectKeyword("select")
        if isKeyword("json"), startsSelectorsAndFrom(after: 1) {
            throw ParseError.positioned(line: current.line, column: current.column, "SELECT JSON is not supported by this server")
        }
        var isDistinct = false
        if isKeyword("distinct"), startsSelectorsAndFrom(after: 1) {
            advance()
            isDistinct = true
        }
        let selectors = try selectClause()
        try expectKeyword("from")
        var statement = Statement.Select(isDistinct: isDistinct, selectors: selectors, table: try qualifiedName())
        if consumeKeyword("where") { statement.whereClause = try whereClause() }
        if consumeKeyword("group") {
            try expectKeyword("by")
            repeat {
                statement.groupBy.append(try selector())
            } while consumeSymbol(",")
        }
        if consumeKeyword("order") {
            try expectKeyword("by")
            repeat {
                statement.orderBy.append(try ordering())
            } while consumeSymbol(",")
        }
        if consumeKeyword("per") {
            try expectKeyword("partition")
            try expectKeyword("limit")
            statement.perPartitionLimit = try integerOrMarker()
        }
        if consumeKeyword("limit") { statement.limit = try integerOrMarker() }
        if consumeKeyword("allow") {
            try expectKeyword("filtering")
            statement.allowFiltering = true
        }
        return statement
    }

    /// Whether a selector list followed by `FROM` starts `offset` tokens ahead (the syntactic
    /// predicate `(K_DISTINCT selectors)=>` of `Parser.g`). Never moves the position.
    private mutating func startsSelectorsAndFrom(after offset: Int) -> Bool {
        let saved = state
        defer { restore(saved) }
        for _ in 0..<offset { advance() }
        guard (try? selectClause()) != nil else { return false }
        return isKeyword("from")
    }

    /// Parses `*` (returned as an empty list) or `selector [AS alias], …`.
    mutating func selectClause() throws(ParseError) -> [Statement.Select.SelectedColumn] {
        if consumeSymbol("*") { return [] }
        var selected: [Statement.Select.SelectedColumn] = []
        repeat {
            let selector = try selector()
            let alias: Identifier? = consumeKeyword("as") ? try identifier() : nil
            selected.append(.init(selector, alias: alias))
        } while consumeSymbol(",")
        return selected
    }

    /// Parses `column [ANN OF term] [ASC | DESC]`.
    private mutating func ordering() throws(ParseError) -> Statement.Select.Ordering {
        var ordering = Statement.Select.Ordering(column: try identifier())
        if consumeKeyword("ann") {
            try expectKeyword("of")
            ordering.annOf = try term()
        }
        if consumeKeyword("desc") {
            ordering.isDescending = true
        } else {
            _ = consumeKeyword("asc")
        }
        return ordering
    }

    /// Parses one selector with its field (`.f`) and element (`[k]`) modifiers.
    mutating func selector() throws(ParseError) -> Selector {
        try enter()
        defer { leave() }
        var selector = try primarySelector()
        while true {
            if isSymbol("."), isIdentifier(peek(1)) {
                advance()
                selector = .field(selector, try identifier())
            } else if consumeSymbol("[") {
                let key = try term()
                try expectSymbol("]")
                selector = .element(selector, key)
            } else {
                return selector
            }
        }
    }

    /// Parses a selector without modifiers.
    private mutating func primarySelector() throws(ParseError) -> Selector {
        if isKeyword("count"), isSymbol("(", at: 1), isSymbol("*", at: 2), isSymbol(")", at: 3) {
            for _ in 0..<4 { advance() }
            return .countRows
        }
        for keyword in ["writetime", "maxwritetime", "ttl"] where isKeyword(keyword) && isSymbol("(", at: 1) {
            advance()
            advance()
            let column = try identifier()
            try expectSymbol(")")
            switch keyword {
            case "writetime": return .writeTime(column)
            case "maxwritetime": return .maxWriteTime(column)
            default: return .timeToLive(column)
            }
        }
        if isKeyword("cast"), isSymbol("(", at: 1) {
            advance()
            advance()
            let operand = try selector()
            try expectKeyword("as")
            let type = try nativeType()
            try expectSymbol(")")
            return .cast(operand, type)
        }
        if isSymbol("(") {
            if let hinted = try typeHintedSelector() { return hinted }
            advance()
            let inner = try selector()
            try expectSymbol(")")
            return inner
        }
        if isAtFunctionCall {
            let name = try functionName()
            try expectSymbol("(")
            var arguments: [Selector] = []
            if !consumeSymbol(")") {
                repeat {
                    arguments.append(try selector())
                } while consumeSymbol(",")
                try expectSymbol(")")
            }
            return .function(name, arguments)
        }
        if isIdentifier(current) { return .column(try identifier()) }
        if isAtTermStart { return .term(try term()) }
        throw noViableAlternative()
    }

    /// Tries `(type) selector`; restores the position and returns `nil` otherwise.
    private mutating func typeHintedSelector() throws(ParseError) -> Selector? {
        let saved = state
        advance()
        do {
            let type = try typeExpression()
            try expectSymbol(")")
            return .typeHint(type, try selector())
        } catch {
            if nestingLimitExceeded { throw error }
            restore(saved)
            return nil
        }
    }
}
