extension Parser {
    /// Parses `UPDATE t [USING …] SET op, … WHERE … [IF EXISTS | IF conditions]`
    /// (`updateStatement` in `Parser.g`).
    mutating func update() throws(ParseError) -> Statement.Update {
        try expectKeyword("update")
        let table = try qualifiedName()
        let using = try usingClause()
        try expectKeyword("set")
        var assignments: [Assignment] = []
        repeat {
            assignments.append(try assignment())
        } while consumeSymbol(",")
        try expectKeyword("where")
        let relations = try whereClause()
        let (ifExists, conditions) = try ifClause()
        return Statement.Update(
            table: table, using: using, assignments: assignments, whereClause: relations,
            ifExists: ifExists, conditions: conditions
        )
    }

    /// Parses one `columnOperation`.
    private mutating func assignment() throws(ParseError) -> Assignment {
        let column = try identifier()
        if consumeSymbol("[") {
            let key = try term()
            try expectSymbol("]")
            try expectSymbol("=")
            return Assignment(column: column, operation: .setElement(key: key, value: try term()))
        }
        if consumeSymbol(".") {
            let field = try identifier()
            try expectSymbol("=")
            return Assignment(column: column, operation: .setField(field, try term()))
        }
        try expectSymbol("=")
        return Assignment(column: column, operation: try assignedValue(to: column))
    }

    /// Parses the right-hand side of `c = …` (`normalColumnOperation`).
    private mutating func assignedValue(to column: Identifier) throws(ParseError) -> Assignment.Operation {
        if isIdentifier(current) && !isAtFunctionCall {
            let referenceToken = current
            let reference = try identifier()
            if current.kind == .integer {
                let sign = current.value.hasPrefix("-") ? "-" : "+"
                guard reference == column else {
                    throw plainError("Only expressions of the form X = X \(sign) <value> are supported.", at: referenceToken)
                }
                return .add(.literal(.integer(advance().value)))
            }
            let isAddition = isSymbol("+")
            guard isAddition || isSymbol("-") else { throw noViableAlternative() }
            advance()
            guard reference == column else {
                throw plainError("Only expressions of the form X = X \(isAddition ? "+" : "-")<value> are supported.", at: referenceToken)
            }
            let operand = try term()
            return isAddition ? .add(operand) : .subtract(operand)
        }
        let value = try term()
        guard consumeSymbol("+") else { return .set(value) }
        let referenceToken = current
        guard try identifier() == column else {
            throw plainError("Only expressions of the form X = <value> + X are supported.", at: referenceToken)
        }
        return .prepend(value)
    }
}
