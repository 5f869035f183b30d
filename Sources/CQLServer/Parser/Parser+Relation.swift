extension Parser {
    /// Parses `relation (AND relation)*` (`whereClause`).
    mutating func whereClause() throws(ParseError) -> [Relation] {
        var relations = [try relation()]
        while consumeKeyword("and") { relations.append(try relation()) }
        return relations
    }

    /// Parses one `relation`.
    mutating func relation() throws(ParseError) -> Relation {
        try enter()
        defer { leave() }
        if isKeyword("token") && isSymbol("(", at: 1) {
            advance()
            let columns = try identifierTuple()
            if consumeKeyword("between") { return Relation(.token(columns), .between, try betweenValues()) }
            return Relation(.token(columns), try relationOperator(), .term(try term()))
        }
        if isSymbol("(") {
            if let multiColumn = try multiColumnRelation() { return multiColumn }
            advance()
            let inner = try relation()
            try expectSymbol(")")
            return inner
        }
        let column = try identifier()
        if consumeSymbol("[") {
            let key = try term()
            try expectSymbol("]")
            return Relation(.element(column, key: key), try relationOperator(), .term(try term()))
        }
        let target = Relation.Target.column(column)
        if let op = relationOperatorIfPresent() { return Relation(target, op, .term(try term())) }
        if consumeKeyword("between") { return Relation(target, .between, try betweenValues()) }
        if consumeKeyword("like") { return Relation(target, .like, .term(try term())) }
        if consumeKeyword("in") { return Relation(target, .in, try inValues()) }
        if consumeKeyword("contains") {
            return Relation(target, consumeKeyword("key") ? .containsKey : .contains, .term(try term()))
        }
        if consumeKeyword("is") {
            try expectKeyword("not")
            try expectKeyword("null")
            return Relation(target, .isNot, .term(.null))
        }
        if consumeKeyword("not") {
            if consumeKeyword("in") { return Relation(target, .notIn, try inValues()) }
            if consumeKeyword("contains") {
                return Relation(target, consumeKeyword("key") ? .notContainsKey : .notContains, .term(try term()))
            }
        }
        throw noViableAlternative()
    }

    /// Tries `(c1, c2, …) op value`; returns `nil` (position restored) when the parentheses do
    /// not hold a list of columns followed by an operator.
    private mutating func multiColumnRelation() throws(ParseError) -> Relation? {
        let saved = state
        guard let columns = try? identifierTuple(), isAtMultiColumnOperator else {
            restore(saved)
            return nil
        }
        let target = Relation.Target.columns(columns)
        if consumeKeyword("in") { return Relation(target, .in, try inValues()) }
        if consumeKeyword("not") {
            try expectKeyword("in")
            return Relation(target, .notIn, try inValues())
        }
        if consumeKeyword("between") { return Relation(target, .between, try betweenValues()) }
        return Relation(target, try relationOperator(), .term(try term()))
    }

    private var isAtMultiColumnOperator: Bool {
        current.kind == .symbol && ["=", "<", "<=", ">", ">=", "!="].contains(current.value)
            || isKeyword("in") || isKeyword("not") || isKeyword("between")
    }

    /// Parses `(c1, c2, …)` (`tupleOfIdentifiers`).
    mutating func identifierTuple() throws(ParseError) -> [Identifier] {
        try expectSymbol("(")
        var identifiers = [try identifier()]
        while consumeSymbol(",") { identifiers.append(try identifier()) }
        try expectSymbol(")")
        return identifiers
    }

    /// Parses the values after `IN`: `(t, …)`, `()` or a marker for the whole list.
    mutating func inValues() throws(ParseError) -> Relation.Value {
        if isAtBindMarker { return .term(.bindMarker(try bindMarker())) }
        return .list(try termList(open: "(", close: ")"))
    }

    private mutating func betweenValues() throws(ParseError) -> Relation.Value {
        let lower = try term()
        try expectKeyword("and")
        return .range(lower, try term())
    }

    /// Consumes a `relationType` (`=`, `<`, `<=`, `>`, `>=`, `!=`) when present.
    mutating func relationOperatorIfPresent() -> Operator? {
        guard current.kind == .symbol, let op = Operator(rawValue: current.value),
              [.equal, .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual, .notEqual].contains(op) else {
            return nil
        }
        advance()
        return op
    }

    /// Parses a `relationType`.
    mutating func relationOperator() throws(ParseError) -> Operator {
        guard let op = relationOperatorIfPresent() else { throw noViableAlternative() }
        return op
    }

    /// Parses `IF EXISTS` or `IF condition (AND condition)*` after `UPDATE` or `DELETE`.
    /// - Returns: Whether `IF EXISTS` was written, and the conditions.
    mutating func ifClause() throws(ParseError) -> (ifExists: Bool, conditions: [Condition]) {
        guard consumeKeyword("if") else { return (false, []) }
        if consumeKeyword("exists") { return (true, []) }
        var conditions = [try condition()]
        while consumeKeyword("and") { conditions.append(try condition()) }
        return (false, conditions)
    }

    /// Parses one `columnCondition`.
    private mutating func condition() throws(ParseError) -> Condition {
        let column = try identifier()
        var target = Condition.Target.column(column)
        if consumeSymbol("[") {
            let key = try term()
            try expectSymbol("]")
            target = .element(column, key: key)
        } else if consumeSymbol(".") {
            target = .field(column, try identifier())
        }
        if let op = relationOperatorIfPresent() { return Condition(target, op, .term(try term())) }
        if consumeKeyword("in") { return Condition(target, .in, try inValues()) }
        if case .column = target, consumeKeyword("contains") {
            return Condition(target, consumeKeyword("key") ? .containsKey : .contains, .term(try term()))
        }
        throw noViableAlternative()
    }
}
