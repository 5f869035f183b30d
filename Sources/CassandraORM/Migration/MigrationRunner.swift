import CassandraDriver

/// Reads a table's shape (and its views') from `system_schema`, plans its migration and runs it.
struct MigrationRunner {
    let session: Session
    let keyspace: String

    /// The `system_schema.columns` rows of a table or view; empty when it does not exist.
    private func columnRows(_ table: String) async throws -> [(name: String, kind: String, position: Int, type: String, order: String)] {
        let columns = try await session.execute(
            "SELECT column_name, kind, position, type, clustering_order FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?",
            keyspace, table, options: .init(consistency: .one, isIdempotent: true))
        var columnRows: [(name: String, kind: String, position: Int, type: String, order: String)] = []
        for row in columns {
            columnRows.append((try row["column_name", as: String.self], try row["kind", as: String.self],
                               Int(try row["position", as: Int32.self]), try row["type", as: String.self],
                               try row["clustering_order", as: String.self]))
        }
        return columnRows
    }

    /// The table as `system_schema` describes it, or `nil` when it does not exist.
    func describe(_ table: String) async throws(ORMError) -> TableDescription? {
        do {
            let columnRows = try await columnRows(table)
            guard !columnRows.isEmpty else { return nil }
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

    /// The views of `table`, and the views named `declared` whatever their table, as
    /// `system_schema.views` and `system_schema.columns` describe them.
    func describeViews(of table: String, declared: Set<String>) async throws(ORMError) -> [ViewDescription] {
        do {
            let rows = try await session.execute(
                "SELECT view_name, base_table_name, include_all_columns, where_clause FROM system_schema.views WHERE keyspace_name = ?",
                keyspace, options: .init(consistency: .one, isIdempotent: true))
            var views: [ViewDescription] = []
            for row in rows {
                let (name, base) = (try row["view_name", as: String.self], try row["base_table_name", as: String.self])
                guard base == table || declared.contains(name) else { continue }
                views.append(ViewDescription.fromSystemSchema(
                    name: name, base: base, includesAllColumns: try row["include_all_columns", as: Bool?.self] ?? false,
                    whereClause: try row["where_clause", as: String?.self] ?? "", columnRows: try await columnRows(name)))
            }
            return views
        } catch {
            throw ORMError.wrap(error, table: table)
        }
    }

    /// Plans without running anything.
    func plan(_ schema: ResolvedSchema, mode: MigrationMode) async throws(ORMError) -> MigrationPlan {
        let actual = try await describe(schema.table)
        let views = try await describeViews(of: schema.table, declared: Set(schema.views.map(\.name)))
        return try MigrationPlan.make(schema, keyspace: keyspace, actual: actual, views: views, mode: mode)
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
