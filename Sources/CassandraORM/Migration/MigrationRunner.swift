import CassandraDriver

/// Reads a table's shape from `system_schema`, plans its migration and runs it.
struct MigrationRunner {
    let session: Session
    let keyspace: String

    /// The table as `system_schema` describes it, or `nil` when it does not exist.
    func describe(_ table: String) async throws(ORMError) -> TableDescription? {
        do {
            let columns = try await session.execute(
                "SELECT column_name, kind, position, type, clustering_order FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?",
                keyspace, table, options: .init(consistency: .one, isIdempotent: true))
            guard !columns.isEmpty else { return nil }
            var columnRows: [(name: String, kind: String, position: Int, type: String, order: String)] = []
            for row in columns {
                columnRows.append((try row["column_name", as: String.self], try row["kind", as: String.self],
                                   Int(try row["position", as: Int32.self]), try row["type", as: String.self],
                                   try row["clustering_order", as: String.self]))
            }
            let indexes = try await session.execute(
                "SELECT index_name, kind, options FROM system_schema.indexes WHERE keyspace_name = ? AND table_name = ?",
                keyspace, table, options: .init(consistency: .one, isIdempotent: true))
            var indexRows: [(name: String, kind: String, options: [String: String])] = []
            for row in indexes {
                indexRows.append((try row["index_name", as: String.self], try row["kind", as: String.self],
                                  try row["options", as: [String: String]?.self] ?? [:]))
            }
            return TableDescription.fromSystemSchema(columnRows: columnRows, indexRows: indexRows)
        } catch {
            throw ORMError.wrap(error, table: table)
        }
    }

    /// Plans without running anything.
    func plan(_ schema: ResolvedSchema, mode: MigrationMode) async throws(ORMError) -> MigrationPlan {
        try MigrationPlan.make(schema, keyspace: keyspace, actual: try await describe(schema.table), mode: mode)
    }

    /// Plans, runs the statements in order, and waits for schema agreement.
    @discardableResult
    func migrate(_ schema: ResolvedSchema, mode: MigrationMode) async throws(ORMError) -> MigrationPlan {
        let plan = try await plan(schema, mode: mode)
        guard !plan.isEmpty else { return plan }
        for statement in plan.statements {
            do {
                try await session.execute(statement)
            } catch {
                throw ORMError.wrap(error, statement: statement, table: schema.table)
            }
        }
        let agreed: Bool
        do { agreed = try await session.waitForSchemaAgreement() } catch { throw ORMError.wrap(error, table: schema.table) }
        guard agreed else {
            throw ORMError(.schemaAgreementTimeout, "nodes did not agree on the schema after migrating '\(schema.table)'", table: schema.table)
        }
        return plan
    }
}
