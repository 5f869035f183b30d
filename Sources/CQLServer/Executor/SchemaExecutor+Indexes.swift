import CQLProtocol

extension SchemaExecutor {
    /// The class name Cassandra stores for storage-attached indexes.
    static let storageAttachedIndexClass = "org.apache.cassandra.index.sai.StorageAttachedIndex"

    static func createIndex(_ statement: Statement.CreateIndex, session: String?, in state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        var table = try existingTable(statement.table, session: session, state: state)
        if table.isView { throw .invalid("Secondary indexes are not supported on materialized views") }
        guard statement.targets.count == 1, let target = statement.targets.first else {
            throw .invalid("Only CUSTOM indexes support multiple columns")
        }
        guard let column = table.column(named: target.column.name) else {
            throw .invalid("Column '\(target.column.name)' doesn't exist")
        }
        let className = try indexClass(statement.usingClass)
        let isSAI = className == storageAttachedIndexClass
        if case .vector = column.type, !isSAI {
            throw .invalid("Cannot create secondary index on the vector column \(column.name): use a StorageAttachedIndex")
        }
        if column.kind == .partitionKey && table.partitionKey.count == 1 {
            throw .invalid("Cannot create secondary index on the only partition key column \(column.name)")
        }
        let kind = try indexTarget(target.kind, column: column)
        let targetText = kind == .simple ? Identifier(column.name).cqlText : "\(kind.rawValue)(\(Identifier(column.name).cqlText))"
        let name = statement.name?.name ?? "\(table.name)_\(column.name)_idx"
        if state.keyspaces[table.keyspace]!.tables.values.contains(where: { $0.indexes.contains { $0.name == name } }) {
            if statement.ifNotExists { return .void }
            throw .invalid("Index '\(name)' already exists")
        }
        if let duplicate = table.indexes.first(where: { $0.options["target"] == targetText }) {
            if statement.ifNotExists { return .void }
            throw .invalid("Index \(name) is a duplicate of existing index \(duplicate.name)")
        }
        var options: [String: String] = ["target": targetText]
        for property in statement.properties {
            if case .map(let map) = property.value, property.name == "options" {
                options.merge(map) { _, new in new }
            }
        }
        if let function = options["similarity_function"], !["cosine", "euclidean", "dot_product"].contains(function.lowercased()) {
            throw .invalid("Similarity function \(function) was not recognized for the vector index \(name)")
        }
        if let className { options["class_name"] = className }
        let indexKind = className == nil ? "COMPOSITES" : "CUSTOM"
        table.indexes.append(IndexDefinition(name: name, column: column.name, target: kind, kind: indexKind, options: options))
        state.keyspaces[table.keyspace]!.tables[table.name] = table
        state.schemaGeneration += 1
        return .schemaChange(.init(change: .updated, target: .table, keyspace: table.keyspace, name: table.name))
    }

    private static func indexClass(_ given: String?) throws(ExecutionError) -> String? {
        guard let given else { return nil }
        switch given {
        case "StorageAttachedIndex", "sai", "SAI", storageAttachedIndexClass: return storageAttachedIndexClass
        case "org.apache.cassandra.index.sasi.SASIIndex", "SASIIndex":
            throw .invalid("SASI indexes are disabled. Enable in cassandra.yaml to use.")
        default:
            throw .configuration("Unable to find custom indexer class '\(given)'")
        }
    }

    private static func indexTarget(_ kind: Statement.CreateIndex.Target.Kind, column: ColumnSchema) throws(ExecutionError) -> IndexDefinition.Target {
        switch kind {
        case .simple:
            if column.isMultiCell { return .values }
            if column.type.isCollection { throw .invalid("Cannot create values() index on frozen column \(column.name). Frozen collections only support full() indexes") }
            return .simple
        case .values:
            guard column.isMultiCell else { throw .invalid("Cannot create values() index on \(column.type) column \(column.name)") }
            return .values
        case .keys, .entries:
            guard case .map = column.type, column.isMultiCell else {
                throw .invalid("Cannot create \(kind.rawValue)() index on \(column.name). Non-collection columns only support simple indexes")
            }
            return kind == .keys ? .keys : .entries
        case .full:
            guard column.type.isCollection, !column.isMultiCell else {
                throw .invalid("full() indexes can only be created on frozen collections")
            }
            return .full
        }
    }

    static func dropIndex(_ statement: Statement.DropIndex, session: String?, in state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        let keyspaceName = try keyspaceName(statement.index, session: session)
        let name = statement.index.name.name
        guard let keyspace = state.keyspaces[keyspaceName],
              var table = keyspace.tables.values.first(where: { $0.indexes.contains { $0.name == name } }) else {
            if statement.ifExists { return .void }
            throw .invalid("Index '\(keyspaceName).\(name)' doesn't exist")
        }
        table.indexes.removeAll { $0.name == name }
        state.keyspaces[keyspaceName]!.tables[table.name] = table
        state.schemaGeneration += 1
        return .schemaChange(.init(change: .updated, target: .table, keyspace: keyspaceName, name: table.name))
    }

    static func use(_ statement: Statement.Use, state: StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        let name = statement.keyspace.name
        guard state.keyspaces[name] != nil || systemKeyspaces.contains(name) else {
            throw .invalid("Keyspace '\(name)' does not exist")
        }
        return .setKeyspace(name)
    }
}
