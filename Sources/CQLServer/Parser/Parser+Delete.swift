extension Parser {
    /// Parses `DELETE [targets] FROM t [USING TIMESTAMP x] WHERE … [IF EXISTS | IF conditions]`
    /// (`deleteStatement` in `Parser.g`).
    mutating func delete() throws(ParseError) -> Statement.Delete {
        try expectKeyword("delete")
        var targets: [Statement.Delete.Target] = []
        if !isKeyword("from") {
            repeat {
                targets.append(try deleteTarget())
            } while consumeSymbol(",")
        }
        try expectKeyword("from")
        let table = try qualifiedName()
        var using = UsingClause()
        if consumeKeyword("using") {
            try expectKeyword("timestamp")
            using.timestamp = try integerOrMarker()
        }
        try expectKeyword("where")
        let relations = try whereClause()
        let (ifExists, conditions) = try ifClause()
        return Statement.Delete(
            targets: targets, table: table, using: using, whereClause: relations,
            ifExists: ifExists, conditions: conditions
        )
    }

    /// Parses one `deleteOp`: `c`, `c[key]` or `c.field`.
    private mutating func deleteTarget() throws(ParseError) -> Statement.Delete.Target {
        let column = try identifier()
        if consumeSymbol("[") {
            let key = try term()
            try expectSymbol("]")
            return .element(column, key: key)
        }
        if consumeSymbol(".") { return .field(column, try identifier()) }
        return .column(column)
    }
}
