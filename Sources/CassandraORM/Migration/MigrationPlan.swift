/// How ``CassandraClient`` reconciles tables (and their materialized views) with model schemas.
public enum MigrationMode: String, Sendable, Hashable {
    /// Create missing tables with their indexes and views; refuse
    /// (``ORMError/Code/migrationRefused``) when a table or one of its views differs.
    case safe
    /// Also add and drop columns and indexes, create missing views, drop and recreate changed
    /// views and drop undeclared ones; refuse changes to the primary key, clustering order
    /// or column types.
    case alter
    /// Like ``alter``, and drop and recreate the table and its views (losing the data) when
    /// the primary key, clustering order or a column type changed.
    case drop
}

/// The CQL a migration runs, and why: ``MigrationRunner`` executes it, and
/// ``CassandraClient/plan(_:mode:)`` returns it without running anything (a dry run).
public struct MigrationPlan: Sendable, Hashable {
    /// The table.
    public var table: String
    /// The differences found (`[.tableMissing]` for a new table).
    public var differences: [SchemaDifference]
    /// The statements to run, in order; empty when the table matches.
    public var statements: [String]

    /// Whether nothing needs to change.
    public var isEmpty: Bool { statements.isEmpty }

    /// Plans the migration of `schema` given what exists: pure.
    ///
    /// Materialized views belong to their table's plan: created after it, dropped before
    /// anything Cassandra refuses while views exist (dropping a column or the table), and
    /// recreated afterwards. A view cannot be altered, so a changed view is dropped and
    /// recreated. Views of the table that the schema does not declare are differences like
    /// undeclared columns and indexes: ``MigrationMode/safe`` refuses them, the other modes
    /// drop them.
    /// - Parameters:
    ///   - schema: the model schema.
    ///   - keyspace: the keyspace.
    ///   - actual: the table as `system_schema` describes it; `nil` when missing.
    ///   - views: the keyspace's views that are of this table or have a name the schema declares.
    ///   - mode: the migration mode.
    /// - Returns: the plan.
    /// - Throws: ``ORMError/Code/migrationRefused`` with the differences when `mode` forbids
    ///   them, or when a declared view name belongs to a view of another table.
    static func make(_ schema: ResolvedSchema, keyspace: String, actual: TableDescription?, views: [ViewDescription] = [],
                     mode: MigrationMode) throws(ORMError) -> MigrationPlan {
        let ddl = DDL(schema: schema, keyspace: keyspace)
        if let taken = views.first(where: { $0.base != schema.table }) {
            throw ORMError(.migrationRefused,
                           "materialized view '\(taken.name)' exists as a view of table '\(taken.base)'; give the view of '\(schema.table)' another name",
                           table: schema.table)
        }
        let create = [ddl.createTable()] + schema.indexes.map(ddl.createIndex) + schema.views.map(ddl.createView)
        var differences = SchemaDiff.compare(expected: TableDescription(expected: schema), actual: actual, table: schema.table)
        guard actual != nil else { return MigrationPlan(table: schema.table, differences: differences, statements: create) }
        differences += SchemaDiff.compareViews(expected: schema.views.map(ViewDescription.init(expected:)), actual: views)
        guard !differences.isEmpty else { return MigrationPlan(table: schema.table, differences: [], statements: []) }
        let listed = differences.map(\.description).joined(separator: "; ")
        switch mode {
        case .safe:
            throw ORMError(.migrationRefused, "table '\(schema.table)' differs from its schema (\(listed)); migrate with .alter or .drop",
                           table: schema.table, differences: differences)
        case .alter where differences.contains(where: \.requiresRecreate):
            throw ORMError(.migrationRefused,
                           "table '\(schema.table)' needs to be recreated (\(differences.filter(\.requiresRecreate).map(\.description).joined(separator: "; "))); only .drop may do that",
                           table: schema.table, differences: differences)
        case .drop where differences.contains(where: \.requiresRecreate):
            let dropViews = views.map(\.name).sorted().map(ddl.dropView)
            return MigrationPlan(table: schema.table, differences: differences, statements: dropViews + [ddl.dropTable()] + create)
        case .alter, .drop:
            return MigrationPlan(table: schema.table, differences: differences,
                                 statements: alterations(differences, schema: schema, views: views, ddl: ddl))
        }
    }

    /// The statements of an in-place migration: views to drop (changed, undeclared, or all
    /// of them when a column is dropped), index and column changes, then views to create.
    private static func alterations(_ differences: [SchemaDifference], schema: ResolvedSchema, views: [ViewDescription],
                                    ddl: DDL) -> [String] {
        let dropsColumn = differences.contains { if case .columnExtra = $0 { true } else { false } }
        let missingViews = Set(differences.compactMap { if case .viewMissing(let name) = $0 { name } else { nil } })
        let droppedViews = dropsColumn ? Set(views.map(\.name)) : Set(differences.compactMap(\.view)).subtracting(missingViews)
        var statements = droppedViews.sorted().map(ddl.dropView)
        for difference in differences {
            switch difference {
            case .indexExtra(let name), .indexChanged(let name): statements.append(ddl.dropIndex(name))
            default: break
            }
        }
        for difference in differences {
            switch difference {
            case .columnMissing(let name, _): statements.append(ddl.addColumn(schema.columns[name]!))
            case .columnExtra(let name, _): statements.append(ddl.dropColumn(name))
            default: break
            }
        }
        for difference in differences {
            switch difference {
            case .indexMissing(let name, _), .indexChanged(let name):
                if let index = schema.indexes.first(where: { $0.name == name }) { statements.append(ddl.createIndex(index)) }
            default: break
            }
        }
        for view in schema.views where droppedViews.contains(view.name) || missingViews.contains(view.name) {
            statements.append(ddl.createView(view))
        }
        return statements
    }
}

/// DDL text for a schema. Identifiers are validated by ``ResolvedSchema`` and quoted here;
/// option values are escaped string literals (DDL cannot take bind markers).
struct DDL {
    let schema: ResolvedSchema
    let keyspace: String

    var table: String { Identifier.quote(keyspace) + "." + Identifier.quote(schema.table) }

    func createTable() -> String {
        var definitions = schema.orderedColumns.map { name -> String in
            let column = schema.columns[name]!
            return "\(Identifier.quote(name)) \(column.type)" + (column.kind == .static ? " STATIC" : "")
        }
        let partition = schema.partitionKey.map(Identifier.quote).joined(separator: ", ")
        let key = ["(\(partition))"] + schema.clustering.map(Identifier.quote)
        definitions.append("PRIMARY KEY (\(key.joined(separator: ", ")))")
        var cql = "CREATE TABLE IF NOT EXISTS \(table) (\(definitions.joined(separator: ", ")))"
        if !schema.clustering.isEmpty {
            let order = schema.clustering.map { "\(Identifier.quote($0)) \(schema.columns[$0]!.order.rawValue)" }
            cql += " WITH CLUSTERING ORDER BY (\(order.joined(separator: ", ")))"
        }
        return cql
    }

    func dropTable() -> String { "DROP TABLE IF EXISTS \(table)" }

    func addColumn(_ column: ResolvedSchema.Column) -> String {
        "ALTER TABLE \(table) ADD \(Identifier.quote(column.name)) \(column.type)" + (column.kind == .static ? " STATIC" : "")
    }

    func dropColumn(_ name: String) -> String { "ALTER TABLE \(table) DROP \(Identifier.quote(name))" }

    func createIndex(_ index: ResolvedSchema.Index) -> String {
        let column = Identifier.quote(index.field)
        let target = index.target == .values ? column : "\(index.target.rawValue)(\(column))"
        var cql = "CREATE INDEX IF NOT EXISTS \(Identifier.quote(index.name)) ON \(table) (\(target))"
        if index.isStorageAttached { cql += " USING 'StorageAttachedIndex'" }
        if !index.options.isEmpty {
            let options = index.options.keys.sorted().map { "\(Self.literal($0)): \(Self.literal(index.options[$0]!))" }
            cql += " WITH OPTIONS = {\(options.joined(separator: ", "))}"
        }
        return cql
    }

    func dropIndex(_ name: String) -> String { "DROP INDEX IF EXISTS \(Identifier.quote(keyspace)).\(Identifier.quote(name))" }

    /// A CQL string literal with `'` doubled.
    static func literal(_ text: String) -> String {
        "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }
}
