extension Parser {
    /// Parses `CREATE MATERIALIZED VIEW` (`createMaterializedViewStatement` in `Parser.g`),
    /// positioned at `MATERIALIZED`.
    mutating func createMaterializedView() throws(ParseError) -> Statement.CreateMaterializedView {
        try expectKeyword("materialized")
        try expectKeyword("view")
        let ifNotExists = try consumeIfNotExists()
        let view = try qualifiedName()
        try expectKeyword("as")
        try expectKeyword("select")
        let selectors = try selectClause()
        try expectKeyword("from")
        let baseTable = try qualifiedName()
        let whereClause = consumeKeyword("where") ? try whereClause() : []
        try expectKeyword("primary")
        try expectKeyword("key")
        let (partitionKey, clustering) = try primaryKeyColumns()
        var statement = Statement.CreateMaterializedView(
            view: view, ifNotExists: ifNotExists, selectors: selectors, baseTable: baseTable, whereClause: whereClause,
            primaryKey: .init(partitionKey: partitionKey, clusteringColumns: clustering))
        if consumeKeyword("with") {
            repeat {
                try tableProperty(options: &statement.options, clusteringOrder: &statement.clusteringOrder)
            } while consumeKeyword("and")
        }
        return statement
    }

    /// Parses `ALTER MATERIALIZED VIEW [IF EXISTS] name WITH properties`, positioned at
    /// `MATERIALIZED`.
    mutating func alterMaterializedView() throws(ParseError) -> Statement.AlterMaterializedView {
        try expectKeyword("materialized")
        try expectKeyword("view")
        let ifExists = try consumeIfExists()
        let view = try qualifiedName()
        try expectKeyword("with")
        return Statement.AlterMaterializedView(view: view, ifExists: ifExists, options: try properties())
    }

    /// Parses `DROP MATERIALIZED VIEW [IF EXISTS] name`, positioned at `MATERIALIZED`.
    mutating func dropMaterializedView() throws(ParseError) -> Statement.DropMaterializedView {
        try expectKeyword("materialized")
        try expectKeyword("view")
        let ifExists = try consumeIfExists()
        return Statement.DropMaterializedView(view: try qualifiedName(), ifExists: ifExists)
    }
}
