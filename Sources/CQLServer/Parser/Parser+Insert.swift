extension Parser {
    /// Parses `INSERT INTO t (c, …) VALUES (v, …) [IF NOT EXISTS] [USING …]`
    /// (`normalInsertStatement` in `Parser.g`).
    ///
    /// `INSERT JSON` is refused. Whether the column and value counts match is left to the
    /// server, which reports it as an invalid request, as Cassandra does.
    mutating func insert() throws(ParseError) -> Statement.Insert {
        try expectKeyword("insert")
        try expectKeyword("into")
        let table = try qualifiedName()
        if isKeyword("json") {
            throw ParseError.positioned(line: current.line, column: current.column, "INSERT JSON is not supported by this server")
        }
        let columns = try identifierTuple()
        try expectKeyword("values")
        let values = try termList(open: "(", close: ")", allowEmpty: false)
        let ifNotExists = try consumeIfNotExists()
        let using = try usingClause()
        return Statement.Insert(table: table, columns: columns, values: values, ifNotExists: ifNotExists, using: using)
    }

    /// Parses `[USING TTL x | TIMESTAMP y [AND …]]` (`usingClause`); empty when absent.
    mutating func usingClause() throws(ParseError) -> UsingClause {
        var clause = UsingClause()
        guard consumeKeyword("using") else { return clause }
        repeat {
            if consumeKeyword("timestamp") {
                clause.timestamp = try integerOrMarker()
            } else if consumeKeyword("ttl") {
                clause.timeToLive = try integerOrMarker()
            } else {
                throw noViableAlternative()
            }
        } while consumeKeyword("and")
        return clause
    }
}
