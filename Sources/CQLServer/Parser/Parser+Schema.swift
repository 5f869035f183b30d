extension Parser {
    /// Dispatches `CREATE KEYSPACE | TABLE | TYPE | [CUSTOM] INDEX | MATERIALIZED VIEW`.
    mutating func create() throws(ParseError) -> Statement {
        try expectKeyword("create")
        switch current.kind == .identifier ? current.value : "" {
        case "keyspace", "schema": return .createKeyspace(try createKeyspace())
        case "table", "columnfamily": return .createTable(try createTable())
        case "type": return .createType(try createType())
        case "index", "custom": return .createIndex(try createIndex())
        case "materialized": return .createMaterializedView(try createMaterializedView())
        default: throw noViableAlternative()
        }
    }

    /// Dispatches `ALTER KEYSPACE | TABLE | TYPE | MATERIALIZED VIEW`.
    mutating func alter() throws(ParseError) -> Statement {
        try expectKeyword("alter")
        switch current.kind == .identifier ? current.value : "" {
        case "keyspace", "schema":
            advance()
            let ifExists = try consumeIfExists()
            let keyspace = try keyspaceName()
            try expectKeyword("with")
            return .alterKeyspace(.init(keyspace: keyspace, ifExists: ifExists, options: try properties()))
        case "table", "columnfamily": return .alterTable(try alterTable())
        case "type": return .alterType(try alterType())
        case "materialized": return .alterMaterializedView(try alterMaterializedView())
        default: throw noViableAlternative()
        }
    }

    /// Dispatches `DROP KEYSPACE | TABLE | TYPE | INDEX | MATERIALIZED VIEW`.
    mutating func drop() throws(ParseError) -> Statement {
        try expectKeyword("drop")
        let kind = current.kind == .identifier ? current.value : ""
        if kind == "materialized" { return .dropMaterializedView(try dropMaterializedView()) }
        guard ["keyspace", "schema", "table", "columnfamily", "type", "index"].contains(kind) else {
            throw noViableAlternative()
        }
        advance()
        let ifExists = try consumeIfExists()
        switch kind {
        case "keyspace", "schema": return .dropKeyspace(.init(keyspace: try keyspaceName(), ifExists: ifExists))
        case "table", "columnfamily": return .dropTable(.init(table: try qualifiedName(), ifExists: ifExists))
        case "type": return .dropType(.init(type: try userTypeName(), ifExists: ifExists))
        default: return .dropIndex(.init(index: try qualifiedName(kind: "index"), ifExists: ifExists))
        }
    }

    /// Parses `TRUNCATE [TABLE] t`.
    mutating func truncate() throws(ParseError) -> Statement.Truncate {
        try expectKeyword("truncate")
        if !consumeKeyword("table") { _ = consumeKeyword("columnfamily") }
        return Statement.Truncate(table: try qualifiedName())
    }

    private mutating func createKeyspace() throws(ParseError) -> Statement.CreateKeyspace {
        advance()
        let ifNotExists = try consumeIfNotExists()
        let keyspace = try keyspaceName()
        try expectKeyword("with")
        return Statement.CreateKeyspace(keyspace: keyspace, ifNotExists: ifNotExists, options: try properties())
    }

    private mutating func createType() throws(ParseError) -> Statement.CreateType {
        try expectKeyword("type")
        let ifNotExists = try consumeIfNotExists()
        let name = try userTypeName()
        try expectSymbol("(")
        var fields = [try typeField()]
        // `( ',' typeColumns? )*`: stray commas are accepted, as in Parser.g.
        while consumeSymbol(",") {
            if !isSymbol(")") && !isSymbol(",") { fields.append(try typeField()) }
        }
        try expectSymbol(")")
        return Statement.CreateType(type: name, ifNotExists: ifNotExists, fields: fields)
    }

    private mutating func typeField() throws(ParseError) -> Statement.CreateType.Field {
        let name = try identifier()
        return Statement.CreateType.Field(name: name, type: try typeExpression())
    }

    private mutating func alterType() throws(ParseError) -> Statement.AlterType {
        try expectKeyword("type")
        let ifExists = try consumeIfExists()
        let name = try userTypeName()
        let action: Statement.AlterType.Action
        if consumeKeyword("alter") {
            let field = try identifier()
            try expectKeyword("type")
            action = .alterType(field: field, type: try typeExpression())
        } else if consumeKeyword("add") {
            let ifNotExists = try consumeIfNotExists()
            action = .add(ifNotExists: ifNotExists, field: try typeField())
        } else if consumeKeyword("rename") {
            let ifExists = try consumeIfExists()
            action = .rename(ifExists: ifExists, renames: try renames())
        } else {
            throw noViableAlternative()
        }
        return Statement.AlterType(type: name, ifExists: ifExists, action: action)
    }

    /// Parses `a TO b [AND c TO d …]`.
    mutating func renames() throws(ParseError) -> [Statement.AlterTable.Rename] {
        var renames: [Statement.AlterTable.Rename] = []
        repeat {
            let from = try identifier()
            try expectKeyword("to")
            renames.append(.init(from: from, to: try identifier()))
        } while consumeKeyword("and")
        return renames
    }

    private mutating func createIndex() throws(ParseError) -> Statement.CreateIndex {
        let isCustom = consumeKeyword("custom")
        try expectKeyword("index")
        let ifNotExists = try consumeIfNotExists()
        var name: Identifier?
        if !isKeyword("on") {
            if isSymbol("?") { throw plainError("Bind variables cannot be used for index names") }
            name = try identifier()
        }
        try expectKeyword("on")
        var statement = Statement.CreateIndex(isCustom: isCustom, ifNotExists: ifNotExists, name: name, table: try qualifiedName(), targets: [])
        try expectSymbol("(")
        if !consumeSymbol(")") {
            repeat {
                statement.targets.append(try indexTarget())
            } while consumeSymbol(",")
            try expectSymbol(")")
        }
        if consumeKeyword("using") {
            guard current.kind == .string else { throw mismatched(expecting: "STRING_LITERAL") }
            statement.usingClass = advance().value
        }
        if consumeKeyword("with") { statement.properties = try properties() }
        return statement
    }

    /// Parses `c`, `KEYS(c)`, `VALUES(c)`, `ENTRIES(c)` or `FULL(c)`.
    private mutating func indexTarget() throws(ParseError) -> Statement.CreateIndex.Target {
        let kinds: [String: Statement.CreateIndex.Target.Kind] = ["keys": .keys, "values": .values, "entries": .entries, "full": .full]
        if current.kind == .identifier, let kind = kinds[current.value], isSymbol("(", at: 1) {
            advance()
            advance()
            let column = try identifier()
            try expectSymbol(")")
            return .init(column: column, kind: kind)
        }
        return .init(column: try identifier())
    }
}
