#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// `CREATE`, `ALTER` and `DROP MATERIALIZED VIEW`, with the checks and messages of
/// Cassandra's `CreateViewStatement`, `AlterViewStatement` and `DropViewStatement`.
///
/// A view is stored as a table whose schema carries a ``ViewDefinition``; creating one fills
/// it from the base table's current rows, and every later base write maintains it (see
/// ``StorageEngine/State/applyMaintainingViews(_:table:now:)``).
extension SchemaExecutor {
    static func createView(_ statement: Statement.CreateMaterializedView, session: String?, time: RequestTime,
                           in state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        let keyspaceName = try keyspaceName(statement.view, session: session)
        let viewName = statement.view.name.name
        if let baseKeyspace = statement.baseTable.keyspace, baseKeyspace.name != keyspaceName {
            throw .invalid("Cannot create a materialized view on a table in a different keyspace")
        }
        if statement.whereClause.contains(where: \.containsBindMarker) {
            throw .invalid("Bind variables are not allowed in CREATE MATERIALIZED VIEW statements")
        }
        guard let keyspace = state.keyspaces[keyspaceName] else { throw .invalid("Keyspace '\(keyspaceName)' doesn't exist") }
        let baseName = statement.baseTable.name.name
        guard let base = keyspace.tables[baseName] else { throw .invalid("Base table '\(baseName)' doesn't exist") }
        if let existing = keyspace.tables[viewName] {
            guard existing.isView else {
                throw .invalid("Cannot create materialized view '\(viewName)' - a table with the same name already exists")
            }
            if statement.ifNotExists { return .void }
            throw ExecutionError(kind: .alreadyExists(keyspace: keyspaceName, table: viewName),
                                 message: "Cannot add already existing table \"\(viewName)\" to keyspace \"\(keyspaceName)\"")
        }
        if base.isCounterTable { throw .invalid("Materialized views are not supported on counter tables") }
        if base.isView { throw .invalid("Materialized views cannot be created against other materialized views") }
        if base.options["gc_grace_seconds"].flatMap({ Int($0) }) == 0 {
            throw .invalid("Cannot create materialized view '\(viewName)' for base table '\(baseName)' with gc_grace_seconds of 0, since this value is used to TTL undelivered updates. Setting gc_grace_seconds too low might cause undelivered updates to expire before being replayed.")
        }
        let selected = try selectedColumns(statement, base: base, view: viewName)
        let key = try viewKey(statement, base: base, selected: selected, view: viewName)
        let filter = try viewFilter(statement, base: base, key: key, time: time)
        let options = try tableOptions(statement.options, isCounterTable: false)
        if statement.options.contains(where: { $0.name == "default_time_to_live" }) {
            throw .invalid("Cannot set default_time_to_live for a materialized view. Data in a materialized view always expire at the same time than the corresponding data in the parent table.")
        }
        try validateName(viewName, what: "Table")

        var columns: [ColumnSchema] = []
        for (position, name) in statement.primaryKey.partitionKey.enumerated() {
            guard let column = base.column(named: name.name) else { continue }
            columns.append(ColumnSchema(name: column.name, type: column.type, isFrozen: column.isFrozen, kind: .partitionKey, position: position))
        }
        for (position, name) in statement.primaryKey.clusteringColumns.enumerated() {
            guard let column = base.column(named: name.name) else { continue }
            // Without CLUSTERING ORDER a base clustering column keeps its order (its reversed type).
            let order: ColumnSchema.ClusteringOrder = if let entry = statement.clusteringOrder.first(where: { $0.column == name }) {
                entry.isDescending ? .descending : .ascending
            } else {
                column.clusteringOrder == .descending ? .descending : .ascending
            }
            columns.append(ColumnSchema(name: column.name, type: column.type, isFrozen: column.isFrozen, kind: .clustering,
                                        position: position, clusteringOrder: order))
        }
        for column in selected where !key.columns.contains(column.name) {
            columns.append(ColumnSchema(name: column.name, type: column.type, isFrozen: column.isFrozen, kind: .regular))
        }
        var definition = ViewDefinition(baseTableID: base.id, baseTableName: base.name, includesAllColumns: statement.selectsAll,
                                        whereClause: statement.whereClause, baseRegularKeyColumn: key.baseRegularColumn)
        definition.filter = filter
        let view = TableSchema(keyspace: keyspaceName, name: viewName, id: UUID(), columns: columns, options: options, view: definition)
        state.keyspaces[keyspaceName]!.tables[viewName] = view
        state.buildView(view, base: base, now: time.seconds)
        state.schemaGeneration += 1
        return .schemaChange(.init(change: .created, target: .table, keyspace: keyspaceName, name: viewName))
    }

    /// The base columns the view selects, in base declaration order.
    private static func selectedColumns(_ statement: Statement.CreateMaterializedView, base: TableSchema,
                                        view: String) throws(ExecutionError) -> [ColumnSchema] {
        var names = Set<String>()
        if statement.selectsAll { names = Set(base.columns.map(\.name)) }
        for selected in statement.selectors {
            if let alias = selected.alias {
                throw .invalid("Cannot use aliases when defining a materialized view (got \(selected.selector.cqlText) AS \(alias.cqlText))")
            }
            guard case .column(let identifier) = selected.selector else {
                throw .invalid("Can only select columns by name when defining a materialized view (got \(selected.selector.cqlText))")
            }
            guard base.column(named: identifier.name) != nil else {
                throw .invalid("Undefined column name \(identifier.cqlText) in table \(base.keyspace).\(base.name)")
            }
            names.insert(identifier.name)
        }
        let columns = base.columns.filter { names.contains($0.name) }
        if let column = columns.first(where: { $0.kind == .staticColumn }) {
            throw .invalid("Cannot include static column '\(column.name)' in materialized view '\(view)'")
        }
        return columns
    }

    /// The view's primary-key column names and the base non-key column among them.
    private struct ViewKey {
        var columns: [String]
        var baseRegularColumn: String?
    }

    private static func viewKey(_ statement: Statement.CreateMaterializedView, base: TableSchema, selected: [ColumnSchema],
                                view: String) throws(ExecutionError) -> ViewKey {
        var names: [String] = []
        for identifier in statement.primaryKey.partitionKey + statement.primaryKey.clusteringColumns {
            let name = identifier.name
            guard let column = base.column(named: name), selected.contains(where: { $0.name == name }) else {
                throw .invalid("Unknown column '\(name)' referenced in PRIMARY KEY for materialized view '\(view)'")
            }
            if names.contains(name) { throw .invalid("Duplicate column '\(name)' in PRIMARY KEY clause for materialized view '\(view)'") }
            names.append(name)
            if column.isMultiCell { throw .invalid("Invalid non-frozen collection type '\(column.typeText)' for PRIMARY KEY column '\(name)'") }
            if case .udt = column.type, !column.isFrozen {
                throw .invalid("Invalid non-frozen user-defined type '\(column.typeText)' for PRIMARY KEY column '\(name)'")
            }
            if column.type == .duration { throw .invalid("duration type is not supported for PRIMARY KEY column '\(name)'") }
        }
        var ordered: [Identifier] = []
        for entry in statement.clusteringOrder {
            if ordered.contains(entry.column) {
                throw .invalid("Duplicate column '\(entry.column.name)' in CLUSTERING ORDER BY clause for view '\(view)'")
            }
            ordered.append(entry.column)
        }
        if !ordered.isEmpty && ordered != statement.primaryKey.clusteringColumns {
            throw .invalid("Clustering key columns must exactly match columns in CLUSTERING ORDER BY directive")
        }
        let baseKey = (base.partitionKey + base.clustering).map { base.columns[$0].name }
        let missing = baseKey.filter { !names.contains($0) }
        if !missing.isEmpty {
            throw .invalid("Cannot create materialized view '\(view)' without primary key columns \(missing.joined(separator: ", ")) from base table '\(base.name)'")
        }
        let regular = names.filter { !baseKey.contains($0) }
        if regular.count > 1 {
            throw .invalid("Cannot include more than one non-primary key column in materialized view primary key (got \(regular.joined(separator: ", ")))")
        }
        return ViewKey(columns: names, baseRegularColumn: regular.first)
    }

    /// Checks the `WHERE` clause (every view key column restricted, restrictions other than
    /// `IS NOT NULL` only on base primary-key columns) and evaluates its filter.
    private static func viewFilter(_ statement: Statement.CreateMaterializedView, base: TableSchema, key: ViewKey,
                                   time: RequestTime) throws(ExecutionError) -> [KeyRestrictions.Restriction] {
        var restricted = Set<String>()
        var illegal: [String] = []
        for relation in statement.whereClause {
            let targets: [Identifier]
            switch relation.target {
            case .token: throw .invalid("Cannot use token relation when defining a materialized view")
            case .column(let column), .element(let column, _): targets = [column]
            case .columns(let columns): targets = columns
            }
            for target in targets {
                guard let column = base.column(named: target.name) else {
                    throw .invalid("Undefined column name \(target.cqlText) in table \(base.keyspace).\(base.name)")
                }
                restricted.insert(column.name)
                if relation.operator != .isNot && !column.isPrimaryKey && !illegal.contains(column.name) { illegal.append(column.name) }
            }
        }
        let filterRelations = statement.whereClause.filter { $0.operator != .isNot }
        let restrictions = try KeyRestrictions(filterRelations, table: base, evaluator: TermEvaluator(bindings: [], time: time))
        let unrestricted = key.columns.filter { !restricted.contains($0) }
        if !unrestricted.isEmpty {
            throw .invalid("Primary key columns \(unrestricted.joined(separator: ", ")) must be restricted with 'IS NOT NULL' or otherwise")
        }
        if !illegal.isEmpty {
            throw .invalid("Non-primary key columns can only be restricted with 'IS NOT NULL' (got: \(illegal.joined(separator: ",")) restricted illegally)")
        }
        return restrictions.all
    }

    static func alterView(_ statement: Statement.AlterMaterializedView, session: String?,
                          in state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        guard let (keyspaceName, existing) = try existingView(statement.view, ifExists: statement.ifExists,
                                                               session: session, in: state) else { return .void }
        var view = existing
        let viewName = view.name
        let options = try tableOptions(statement.options, isCounterTable: false, base: view.options)
        if options["gc_grace_seconds"].flatMap({ Int($0) }) == 0 {
            throw .invalid("Cannot alter gc_grace_seconds of a materialized view to 0, since this value is used to TTL undelivered updates. Setting gc_grace_seconds too low might cause undelivered updates to expire before being replayed.")
        }
        if options["default_time_to_live"].flatMap({ Int($0) }).map({ $0 > 0 }) == true {
            throw .invalid("Forbidden default_time_to_live detected for a materialized view. Data in a materialized view always expire at the same time than the corresponding data in the parent table. default_time_to_live must be set to zero, see CASSANDRA-12868 for more information")
        }
        view.options = options
        state.keyspaces[keyspaceName]!.tables[viewName] = view
        state.schemaGeneration += 1
        return .schemaChange(.init(change: .updated, target: .table, keyspace: keyspaceName, name: viewName))
    }

    static func dropView(_ statement: Statement.DropMaterializedView, session: String?,
                         in state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        guard let (keyspaceName, view) = try existingView(statement.view, ifExists: statement.ifExists,
                                                           session: session, in: state) else { return .void }
        let viewName = view.name
        state.keyspaces[keyspaceName]!.tables.removeValue(forKey: viewName)
        state.stores.removeValue(forKey: view.id)
        state.schemaGeneration += 1
        return .schemaChange(.init(change: .dropped, target: .table, keyspace: keyspaceName, name: viewName))
    }

    /// The materialized view `name` names, with its keyspace; `nil` when it does not exist and
    /// the statement said `IF EXISTS`.
    /// - Throws: ``ExecutionError`` when the view does not exist (and `IF EXISTS` was not given)
    ///   or the name has no keyspace.
    private static func existingView(_ name: QualifiedName, ifExists: Bool, session: String?,
                                     in state: StorageEngine.State) throws(ExecutionError) -> (keyspace: String, view: TableSchema)? {
        let keyspaceName = try keyspaceName(name, session: session)
        let viewName = name.name.name
        guard let view = state.keyspaces[keyspaceName]?.tables[viewName], view.isView else {
            if ifExists { return nil }
            throw .invalid("Materialized view '\(keyspaceName).\(viewName)' doesn't exist")
        }
        return (keyspaceName, view)
    }
}
