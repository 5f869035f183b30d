extension DDL {
    /// `CREATE MATERIALIZED VIEW IF NOT EXISTS "ks"."view" AS SELECT … FROM "ks"."table"
    /// WHERE … PRIMARY KEY (…) [WITH CLUSTERING ORDER BY (…)]`: the view key fields are
    /// selected first, every one of them is `IS NOT NULL`, then come the filters.
    func createView(_ view: ResolvedView) -> String {
        let viewSchema = view.schema
        let columns = view.selectsAll ? "*" : viewSchema.orderedColumns.map(Identifier.quote).joined(separator: ", ")
        let relations = view.relations.map { $0.text(quoting: Identifier.quote) }.joined(separator: " AND ")
        let partition = viewSchema.partitionKey.map(Identifier.quote).joined(separator: ", ")
        let key = (["(\(partition))"] + viewSchema.clustering.map(Identifier.quote)).joined(separator: ", ")
        var cql = "CREATE MATERIALIZED VIEW IF NOT EXISTS \(Identifier.quote(keyspace)).\(Identifier.quote(view.name)) AS SELECT \(columns) FROM \(table) WHERE \(relations) PRIMARY KEY (\(key))"
        if !viewSchema.clustering.isEmpty {
            let order = viewSchema.clustering.map { "\(Identifier.quote($0)) \(viewSchema.columns[$0]!.order.rawValue)" }
            cql += " WITH CLUSTERING ORDER BY (\(order.joined(separator: ", ")))"
        }
        return cql
    }

    func dropView(_ name: String) -> String { "DROP MATERIALIZED VIEW IF EXISTS \(Identifier.quote(keyspace)).\(Identifier.quote(name))" }
}
