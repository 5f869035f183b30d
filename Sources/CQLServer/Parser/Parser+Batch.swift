extension Parser {
    /// Parses `BEGIN [UNLOGGED | COUNTER] BATCH [USING …] (statement [;])* APPLY BATCH`
    /// (`batchStatement` in `Parser.g`). Bind markers are numbered across all inner statements.
    mutating func batch() throws(ParseError) -> Statement.Batch {
        try expectKeyword("begin")
        var kind = Statement.Batch.Kind.logged
        if consumeKeyword("unlogged") {
            kind = .unlogged
        } else if consumeKeyword("counter") {
            kind = .counter
        }
        try expectKeyword("batch")
        var batch = Statement.Batch(kind: kind, using: try usingClause(), statements: [])
        while !isKeyword("apply") {
            switch current.kind == .identifier ? current.value : "" {
            case "insert": batch.statements.append(.insert(try insert()))
            case "update": batch.statements.append(.update(try update()))
            case "delete": batch.statements.append(.delete(try delete()))
            default: throw mismatched(expecting: Keywords.tokenName("apply"))
            }
            _ = consumeSymbol(";")
        }
        try expectKeyword("apply")
        try expectKeyword("batch")
        return batch
    }
}
