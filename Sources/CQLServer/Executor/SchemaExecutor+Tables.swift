#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

extension SchemaExecutor {
    /// Table options Cassandra accepts in `WITH`, with the defaults `system_schema.tables` shows.
    static let defaultTableOptions: [String: String] = [
        "bloom_filter_fp_chance": "0.01", "comment": "", "crc_check_chance": "1.0", "default_time_to_live": "0",
        "gc_grace_seconds": "864000", "max_index_interval": "2048", "memtable_flush_period_in_ms": "0",
        "min_index_interval": "128", "speculative_retry": "99p", "additional_write_policy": "99p", "read_repair": "BLOCKING",
        "cdc": "false",
    ]

    /// Map-valued table options and their defaults.
    static let defaultMapOptions: [String: [String: String]] = [
        "caching": ["keys": "ALL", "rows_per_partition": "NONE"],
        "compaction": ["class": "org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy", "max_threshold": "32", "min_threshold": "4"],
        "compression": ["chunk_length_in_kb": "16", "class": "org.apache.cassandra.io.compress.LZ4Compressor"],
        "extensions": [:],
    ]

    static func createTable(_ statement: Statement.CreateTable, session: String?, in state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        let keyspaceName = try keyspaceName(statement.table, session: session)
        let tableName = statement.table.name.name
        guard let keyspace = state.keyspaces[keyspaceName] else {
            throw .invalid("Keyspace '\(keyspaceName)' doesn't exist")
        }
        try validateName(tableName, what: "Table")
        if keyspace.tables[tableName] != nil {
            if statement.ifNotExists { return .void }
            throw ExecutionError(kind: .alreadyExists(keyspace: keyspaceName, table: tableName),
                                 message: "Cannot add already existing table \"\(tableName)\" to keyspace \"\(keyspaceName)\"")
        }
        guard !statement.primaryKeyDeclarations.isEmpty else { throw .invalid("No PRIMARY KEY specifed for table '\(tableName)' (exactly one required)") }
        guard let primaryKey = statement.primaryKey else { throw .invalid("Multiple PRIMARY KEY specified for table '\(tableName)' (exactly one required)") }

        var seen = Set<String>()
        for column in statement.columns where !seen.insert(column.name.name).inserted {
            throw .invalid("Duplicate column '\(column.name.name)' declaration for table \(keyspaceName).\(tableName)")
        }
        func declared(_ name: Identifier) throws(ExecutionError) -> ColumnDefinition {
            guard let column = statement.columns.first(where: { $0.name == name }) else {
                throw .invalid("Unknown column '\(name.name)' referenced in PRIMARY KEY for table '\(tableName)'")
            }
            return column
        }
        var keyNames = Set<String>()
        for name in primaryKey.partitionKey + primaryKey.clusteringColumns where !keyNames.insert(name.name).inserted {
            throw .invalid("Duplicate column '\(name.name)' in PRIMARY KEY clause for table '\(tableName)'")
        }

        var columns: [ColumnSchema] = []
        for (position, name) in primaryKey.partitionKey.enumerated() {
            let definition = try declared(name)
            columns.append(try keyColumn(definition, kind: .partitionKey, position: position, order: .none, keyspace: keyspace))
        }
        for (position, name) in primaryKey.clusteringColumns.enumerated() {
            let definition = try declared(name)
            columns.append(try keyColumn(definition, kind: .clustering, position: position,
                                         order: try clusteringOrder(of: name, position: position, statement: statement), keyspace: keyspace))
        }
        try validateClusteringOrderClause(statement, clustering: primaryKey.clusteringColumns, table: tableName)
        for definition in statement.columns where !keyNames.contains(definition.name.name) {
            if definition.isStatic && primaryKey.clusteringColumns.isEmpty {
                throw .invalid("Static columns are not allowed in tables with no clustering columns")
            }
            try validateNesting(definition.type, column: definition.name.name)
            let type = try resolve(definition.type, in: keyspace)
            columns.append(ColumnSchema(name: definition.name.name, type: type, isFrozen: definition.type.isFrozen || !isMultiCellCandidate(type),
                                        kind: definition.isStatic ? .staticColumn : .regular))
        }
        for definition in statement.columns where definition.isStatic && keyNames.contains(definition.name.name) {
            throw .invalid("Static column '\(definition.name.name)' cannot be part of the PRIMARY KEY")
        }
        let counters = columns.filter { !$0.isPrimaryKey && $0.isCounter }.count
        let regulars = columns.filter { !$0.isPrimaryKey }.count
        if counters > 0 && counters != regulars {
            throw .invalid("Cannot mix counter and non counter columns in the same table")
        }
        let options = try tableOptions(statement.options, isCounterTable: counters > 0)
        let table = TableSchema(keyspace: keyspaceName, name: tableName, id: UUID(), columns: columns, options: options)
        state.keyspaces[keyspaceName]!.tables[tableName] = table
        state.schemaGeneration += 1
        return .schemaChange(.init(change: .created, target: .table, keyspace: keyspaceName, name: tableName))
    }

    private static func isMultiCellCandidate(_ type: CQLType) -> Bool {
        type.isCollection
    }

    private static func keyColumn(_ definition: ColumnDefinition, kind: ColumnSchema.Kind, position: Int,
                                  order: ColumnSchema.ClusteringOrder, keyspace: KeyspaceDefinition) throws(ExecutionError) -> ColumnSchema {
        let type = try resolve(definition.type, in: keyspace)
        if type.isCollection && !definition.type.isFrozen {
            throw .invalid("Invalid non-frozen collection type \(definition.type) for PRIMARY KEY component \(definition.name.name)")
        }
        if type == .counter { throw .invalid("counter type is not supported for PRIMARY KEY column '\(definition.name.name)'") }
        if type == .duration { throw .invalid("duration type is not supported for PRIMARY KEY column '\(definition.name.name)'") }
        if case .vector = type { throw .invalid("vector type is not supported for PRIMARY KEY column '\(definition.name.name)'") }
        return ColumnSchema(name: definition.name.name, type: type, isFrozen: true, kind: kind, position: position, clusteringOrder: order)
    }

    private static func clusteringOrder(of name: Identifier, position: Int, statement: Statement.CreateTable) throws(ExecutionError) -> ColumnSchema.ClusteringOrder {
        guard let clause = statement.clusteringOrder.first(where: { $0.column == name }) else { return .ascending }
        return clause.isDescending ? .descending : .ascending
    }

    private static func validateClusteringOrderClause(_ statement: Statement.CreateTable, clustering: [Identifier], table: String) throws(ExecutionError) {
        for clause in statement.clusteringOrder where !clustering.contains(clause.column) {
            throw .invalid("Only clustering key columns can be defined in CLUSTERING ORDER directive: \(clause.column.name) is not a clustering column")
        }
        let ordered = statement.clusteringOrder.map(\.column)
        guard ordered == Array(clustering.prefix(ordered.count)) else {
            throw .invalid("The order of columns in the CLUSTERING ORDER directive must match that of the clustering columns (\(clustering.map(\.name).joined(separator: ", ")) instead of \(ordered.map(\.name).joined(separator: ", ")))")
        }
    }

    /// Validates `WITH` options and merges them over the defaults, as literal text.
    static func tableOptions(_ properties: [Property], isCounterTable: Bool, base: [String: String]? = nil) throws(ExecutionError) -> [String: String] {
        var options = base ?? defaultTableOptions.merging(defaultMapOptions.mapValues(encodeMap)) { first, _ in first }
        for property in properties {
            switch property.value {
            case .text(let text):
                guard defaultTableOptions[property.name] != nil else {
                    throw .syntax("Unknown property '\(property.name)'")
                }
                if property.name == "default_time_to_live" {
                    guard let ttl = Int32(text), ttl >= 0 else { throw .configuration("default_time_to_live must be greater than or equal to 0 (got \(text))") }
                    if ttl > 0 && isCounterTable { throw .configuration("Cannot set default_time_to_live on a table with counters") }
                }
                if property.name == "gc_grace_seconds", Int32(text).map({ $0 < 0 }) ?? true {
                    throw .configuration("gc_grace_seconds must be greater than or equal to 0 (got \(text))")
                }
                options[property.name] = optionText(text)
            case .map(let map):
                guard defaultMapOptions[property.name] != nil else { throw .syntax("Unknown property '\(property.name)'") }
                options[property.name] = encodeMap(map)
            }
        }
        return options
    }

    /// A scalar option as kept in ``TableSchema/options``: a single word or number as is
    /// (so numeric options read back with `Int(_:)`), anything else (a comment with spaces,
    /// quotes or punctuation) as a quoted CQL string that ``OptionLiteral`` reads back whole.
    static func optionText(_ text: String) -> String {
        let isWord = !text.isEmpty && !text.hasPrefix("$$") && !text.contains { $0.isWhitespace || ",:{}'".contains($0) }
        return isWord ? text : "'" + String(text.flatMap { $0 == "'" ? ["'", "'"] : [$0] }) + "'"
    }

    /// Map options are kept as their `{'k': 'v'}` text with keys sorted.
    static func encodeMap(_ map: [String: String]) -> String {
        "{" + map.keys.sorted().map { "'\($0)': '\(map[$0]!)'" }.joined(separator: ", ") + "}"
    }

    static func dropTable(_ statement: Statement.DropTable, session: String?, in state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        let keyspaceName = try keyspaceName(statement.table, session: session)
        let tableName = statement.table.name.name
        guard !systemKeyspaces.contains(keyspaceName) else { throw ExecutionError(kind: .unauthorized, message: "Cannot drop system table \(keyspaceName).\(tableName)") }
        guard let keyspace = state.keyspaces[keyspaceName] else {
            if statement.ifExists { return .void }
            throw .invalid("Keyspace '\(keyspaceName)' doesn't exist")
        }
        guard let table = keyspace.tables[tableName] else {
            if statement.ifExists { return .void }
            throw .invalid("Table '\(keyspaceName).\(tableName)' doesn't exist")
        }
        if table.isView {
            throw .invalid("Cannot use DROP TABLE on a materialized view. Please use DROP MATERIALIZED VIEW instead.")
        }
        let views = keyspace.views(of: tableName)
        if !views.isEmpty {
            throw .invalid("Cannot drop table when materialized views still depend on it (\(keyspaceName).{\(views.map(\.name).joined(separator: ","))})")
        }
        state.keyspaces[keyspaceName]!.tables.removeValue(forKey: tableName)
        state.stores.removeValue(forKey: table.id)
        state.schemaGeneration += 1
        return .schemaChange(.init(change: .dropped, target: .table, keyspace: keyspaceName, name: tableName))
    }

    static func truncate(_ statement: Statement.Truncate, session: String?, in state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        let table = try existingTable(statement.table, session: session, state: state)
        if table.isView { throw .invalid("Cannot TRUNCATE materialized view directly; must truncate base table instead") }
        state.stores[table.id]?.removeAll()
        for view in state.keyspaces[table.keyspace]?.views(of: table.name) ?? [] { state.stores[view.id]?.removeAll() }
        return .void
    }

    /// The table a statement names, or the errors of Cassandra's `Schema.validateTable`.
    static func existingTable(_ name: QualifiedName, session: String?, state: StorageEngine.State) throws(ExecutionError) -> TableSchema {
        let keyspaceName = try keyspaceName(name, session: session)
        guard let keyspace = state.keyspaces[keyspaceName] else {
            throw .invalid("keyspace \(keyspaceName) does not exist")
        }
        guard let table = keyspace.tables[name.name.name] else {
            throw .invalid("table \(name.name.name) does not exist")
        }
        return table
    }
}
