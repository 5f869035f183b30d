extension Parser {
    /// Parses `CREATE TABLE` (`createTableStatement` in `Parser.g`).
    mutating func createTable() throws(ParseError) -> Statement.CreateTable {
        advance()
        let ifNotExists = try consumeIfNotExists()
        var statement = Statement.CreateTable(table: try qualifiedName(), ifNotExists: ifNotExists, columns: [], primaryKeyDeclarations: [])
        try expectSymbol("(")
        try tableElement(into: &statement)
        // `( ',' tableColumns? )*`: a trailing comma is accepted, as in Parser.g.
        while consumeSymbol(",") {
            if !isSymbol(")") && !isSymbol(",") { try tableElement(into: &statement) }
        }
        try expectSymbol(")")
        if consumeKeyword("with") {
            repeat {
                try tableProperty(options: &statement.options, clusteringOrder: &statement.clusteringOrder)
            } while consumeKeyword("and")
        }
        return statement
    }

    /// Parses the column list after `PRIMARY KEY`: `(pk, c1, c2)` or `((pk1, pk2), c1)`.
    mutating func primaryKeyColumns() throws(ParseError) -> (partitionKey: [Identifier], clustering: [Identifier]) {
        try expectSymbol("(")
        let partitionKey = isSymbol("(") ? try identifierTuple() : [try identifier()]
        var clustering: [Identifier] = []
        while consumeSymbol(",") { clustering.append(try identifier()) }
        try expectSymbol(")")
        return (partitionKey, clustering)
    }

    /// Parses a column definition or a `PRIMARY KEY (…)` clause (`tableColumns`).
    private mutating func tableElement(into statement: inout Statement.CreateTable) throws(ParseError) {
        if consumeKeyword("primary") {
            try expectKeyword("key")
            let (partitionKey, clustering) = try primaryKeyColumns()
            statement.primaryKeyDeclarations.append(.init(partitionKey: partitionKey, clusteringColumns: clustering))
            return
        }
        let column = try columnDefinition()
        statement.columns.append(column)
        if consumeKeyword("primary") {
            try expectKeyword("key")
            statement.primaryKeyDeclarations.append(.init(partitionKey: [column.name]))
        }
    }

    /// Parses `name type [STATIC]`.
    private mutating func columnDefinition() throws(ParseError) -> ColumnDefinition {
        let name = try identifier()
        let type = try typeExpression()
        return ColumnDefinition(name: name, type: type, isStatic: consumeKeyword("static"))
    }

    /// Parses one `tableProperty` (or `viewProperty`): `CLUSTERING ORDER BY (…)`,
    /// `COMPACT STORAGE` (refused) or `name = value`.
    mutating func tableProperty(options: inout [Property], clusteringOrder: inout [Statement.CreateTable.ClusteringOrder]) throws(ParseError) {
        if isKeyword("compact") && isKeyword("storage", at: 1) {
            throw plainError("COMPACT STORAGE tables are not allowed starting with version 4.0")
        }
        if isKeyword("clustering") && isKeyword("order", at: 1) {
            advance()
            advance()
            try expectKeyword("by")
            try expectSymbol("(")
            repeat {
                let column = try identifier()
                let isDescending: Bool
                if consumeKeyword("desc") {
                    isDescending = true
                } else if consumeKeyword("asc") {
                    isDescending = false
                } else {
                    throw noViableAlternative()
                }
                clusteringOrder.append(.init(column: column, isDescending: isDescending))
            } while consumeSymbol(",")
            try expectSymbol(")")
            return
        }
        let nameToken = current
        let property = try property()
        if options.contains(where: { $0.name == property.name }) {
            throw plainError("Multiple definition for property \(property.name)", at: nameToken)
        }
        options.append(property)
    }

    /// Parses `ALTER TABLE` (`alterTableStatement` in `Parser.g`).
    mutating func alterTable() throws(ParseError) -> Statement.AlterTable {
        advance()
        let ifExists = try consumeIfExists()
        let table = try qualifiedName()
        let action: Statement.AlterTable.Action
        if consumeKeyword("alter") {
            let column = try identifier()
            try expectKeyword("type")
            action = .alterType(column: column, type: try typeExpression())
        } else if consumeKeyword("add") {
            let ifNotExists = try consumeIfNotExists()
            var columns: [ColumnDefinition] = []
            if consumeSymbol("(") {
                repeat {
                    columns.append(try columnDefinition())
                } while consumeSymbol(",")
                try expectSymbol(")")
            } else {
                columns.append(try columnDefinition())
            }
            action = .add(ifNotExists: ifNotExists, columns: columns)
        } else if consumeKeyword("drop") {
            let ifExists = try consumeIfExists()
            let columns = isSymbol("(") ? try identifierTuple() : [try identifier()]
            var timestamp: Int64?
            if consumeKeyword("using") {
                try expectKeyword("timestamp")
                guard current.kind == .integer, let value = Int64(current.value) else { throw mismatched(expecting: "INTEGER") }
                advance()
                timestamp = value
            }
            action = .drop(ifExists: ifExists, columns: columns, timestamp: timestamp)
        } else if consumeKeyword("rename") {
            let ifExists = try consumeIfExists()
            action = .rename(ifExists: ifExists, renames: try renames())
        } else if consumeKeyword("with") {
            action = .options(try properties())
        } else {
            throw noViableAlternative()
        }
        return Statement.AlterTable(table: table, ifExists: ifExists, action: action)
    }
}
