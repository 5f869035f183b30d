import CQLProtocol

extension SchemaExecutor {
    static func alterTable(_ statement: Statement.AlterTable, session: String?, in state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        let keyspaceName = try keyspaceName(statement.table, session: session)
        guard let keyspace = state.keyspaces[keyspaceName] else { throw .invalid("Keyspace '\(keyspaceName)' doesn't exist") }
        guard var table = keyspace.tables[statement.table.name.name] else {
            if statement.ifExists { return .void }
            throw .invalid("Table '\(keyspaceName).\(statement.table.name.name)' doesn't exist")
        }
        if table.isView { throw .invalid("Cannot use ALTER TABLE on a materialized view; use ALTER MATERIALIZED VIEW instead") }
        var views = keyspace.views(of: table.name)
        switch statement.action {
        case .alterType(let column, _):
            throw .invalid("Altering column types is no longer supported (column \(column.name))")
        case .add(let ifNotExists, let definitions):
            for definition in definitions {
                let name = definition.name.name
                if table.column(named: name) != nil {
                    if ifNotExists { continue }
                    throw .invalid("Column with name '\(name)' already exists")
                }
                if definition.isStatic && table.clustering.isEmpty {
                    throw .invalid("Static columns are not allowed in tables with no clustering columns")
                }
                try validateNesting(definition.type, column: name)
                let type = try resolve(definition.type, in: keyspace)
                if table.isCounterTable != (type == .counter) {
                    throw .configuration("Cannot add a \(type == .counter ? "counter" : "non counter") column (\(name)) in a \(table.isCounterTable ? "counter" : "non counter") table")
                }
                let column = ColumnSchema(name: name, type: type, isFrozen: definition.type.isFrozen || !type.isCollection,
                                          kind: definition.isStatic ? .staticColumn : .regular)
                table.addColumn(column)
                // Views created with SELECT * select columns added later (not static ones).
                for index in views.indices where views[index].view?.includesAllColumns == true && !definition.isStatic {
                    views[index].addColumn(column)
                }
            }
        case .drop(let ifExists, let columns, _):
            for column in columns {
                guard let existing = table.column(named: column.name) else {
                    if ifExists { continue }
                    throw .invalid("Column \(column.name) was not found in table \(table.name)")
                }
                guard !existing.isPrimaryKey else { throw .invalid("Cannot drop PRIMARY KEY column \(column.name)") }
                if table.indexes.contains(where: { $0.column == column.name }) {
                    throw .invalid("Cannot drop column \(column.name) because it has dependent secondary indexes")
                }
                if !views.isEmpty { throw .invalid("Cannot drop column \(column.name) on base table \(table.name) with materialized views") }
                table.dropColumn(named: column.name)
            }
        case .rename(let ifExists, let renames):
            for rename in renames {
                guard let existing = table.column(named: rename.from.name) else {
                    if ifExists { continue }
                    throw .invalid("Column with name '\(rename.from.name)' was not found in table '\(table.name)'")
                }
                guard existing.isPrimaryKey else {
                    throw .invalid("Cannot rename non PRIMARY KEY column \(rename.from.name)")
                }
                guard table.column(named: rename.to.name) == nil else {
                    throw .invalid("Cannot rename column \(rename.from.name) to \(rename.to.name) in table '\(table.name)'; another column with that name already exists")
                }
                table.renameColumn(rename.from.name, to: rename.to.name)
                for index in views.indices { views[index].renameColumn(rename.from.name, to: rename.to.name) }
                for index in table.indexes.indices where table.indexes[index].column == rename.from.name {
                    table.indexes[index].column = rename.to.name
                    table.indexes[index].options["target"] = Identifier(rename.to.name).cqlText
                }
            }
        case .options(let properties):
            table.options = try tableOptions(properties, isCounterTable: table.isCounterTable, base: table.options)
            if !views.isEmpty && table.options["gc_grace_seconds"].flatMap({ Int($0) }) == 0 {
                throw .invalid("Cannot alter gc_grace_seconds of the base table of a materialized view to 0, since this value is used to TTL undelivered updates. Setting gc_grace_seconds too low might cause undelivered updates to expire before being replayed.")
            }
        }
        state.keyspaces[keyspaceName]!.tables[table.name] = table
        for view in views { state.keyspaces[keyspaceName]!.tables[view.name] = view }
        state.schemaGeneration += 1
        return .schemaChange(.init(change: .updated, target: .table, keyspace: keyspaceName, name: table.name))
    }

    // MARK: Types

    static func createType(_ statement: Statement.CreateType, session: String?, in state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        let keyspaceName = try keyspaceName(statement.type, session: session)
        guard let keyspace = state.keyspaces[keyspaceName] else { throw .invalid("Keyspace '\(keyspaceName)' doesn't exist") }
        let name = statement.type.name.name
        if keyspace.type(named: name) != nil {
            if statement.ifNotExists { return .void }
            // CreateTypeStatement throws a plain InvalidRequest here, not AlreadyExists.
            throw .invalid("A user type with name '\(name)' already exists")
        }
        if CQLType(nativeName: name) != nil { throw .invalid("Type name '\(name)' is reserved") }
        var names = Set<String>()
        var fields: [CQLType.UserDefinedType.Field] = []
        for field in statement.fields {
            guard names.insert(field.name.name).inserted else { throw .invalid("Duplicate field name '\(field.name.name)' in type '\(name)'") }
            try validateNesting(field.type, column: field.name.name)
            if case .userDefined(let referenced) = field.type.unfrozen, referenced.name == name {
                throw .invalid("Cannot refer to user type '\(name)' within its own definition")
            }
            fields.append(.init(name: field.name.name, type: try resolve(field.type, in: keyspace)))
        }
        state.keyspaces[keyspaceName]!.types.append(.init(keyspace: keyspaceName, name: name, fields: fields))
        state.schemaGeneration += 1
        return .schemaChange(.init(change: .created, target: .type, keyspace: keyspaceName, name: name))
    }

    static func alterType(_ statement: Statement.AlterType, session: String?, in state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        let keyspaceName = try keyspaceName(statement.type, session: session)
        guard let keyspace = state.keyspaces[keyspaceName] else { throw .invalid("Keyspace '\(keyspaceName)' doesn't exist") }
        let name = statement.type.name.name
        guard let typeIndex = keyspace.types.firstIndex(where: { $0.name == name }) else {
            if statement.ifExists { return .void }
            throw .invalid("Unknown user type \(keyspaceName).\(name)")
        }
        var udt = keyspace.types[typeIndex]
        switch statement.action {
        case .alterType(let field, _):
            throw .invalid("Alter field type is not supported (field \(field.name))")
        case .add(let ifNotExists, let field):
            if udt.fields.contains(where: { $0.name == field.name.name }) {
                if ifNotExists { return .void }
                throw .invalid("Cannot add new field \(field.name.name) to type \(keyspaceName).\(name): a field with name \(field.name.name) already exists")
            }
            udt.fields.append(.init(name: field.name.name, type: try resolve(field.type, in: keyspace)))
        case .rename(let ifExists, let renames):
            for rename in renames {
                guard let index = udt.fields.firstIndex(where: { $0.name == rename.from.name }) else {
                    if ifExists { continue }
                    throw .invalid("Unknown field \(rename.from.name) in user type \(keyspaceName).\(name)")
                }
                udt.fields[index].name = rename.to.name
            }
        }
        state.keyspaces[keyspaceName]!.types[typeIndex] = udt
        replaceType(udt, inKeyspace: keyspaceName, state: &state)
        state.schemaGeneration += 1
        return .schemaChange(.init(change: .updated, target: .type, keyspace: keyspaceName, name: name))
    }

    /// Columns store resolved UDT definitions; an altered type is pushed into them.
    private static func replaceType(_ udt: CQLType.UserDefinedType, inKeyspace keyspace: String, state: inout StorageEngine.State) {
        func replaced(_ type: CQLType) -> CQLType {
            switch type {
            case .udt(let existing) where existing.name == udt.name: return .udt(udt)
            case .udt(var other):
                other.fields = other.fields.map { .init(name: $0.name, type: replaced($0.type)) }
                return .udt(other)
            case .list(let element): return .list(replaced(element))
            case .set(let element): return .set(replaced(element))
            case .map(let key, let value): return .map(replaced(key), replaced(value))
            case .tuple(let elements): return .tuple(elements.map(replaced))
            default: return type
            }
        }
        guard var definition = state.keyspaces[keyspace] else { return }
        for (tableName, var table) in definition.tables {
            table.mapColumnTypes(replaced)
            definition.tables[tableName] = table
        }
        definition.types = definition.types.map { type in
            var type = type
            type.fields = type.fields.map { .init(name: $0.name, type: replaced($0.type)) }
            return type.name == udt.name ? udt : type
        }
        state.keyspaces[keyspace] = definition
    }

    static func dropType(_ statement: Statement.DropType, session: String?, in state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        let keyspaceName = try keyspaceName(statement.type, session: session)
        guard let keyspace = state.keyspaces[keyspaceName] else {
            if statement.ifExists { return .void }
            throw .invalid("Keyspace '\(keyspaceName)' doesn't exist")
        }
        let name = statement.type.name.name
        guard keyspace.type(named: name) != nil else {
            if statement.ifExists { return .void }
            throw .invalid("Type '\(keyspaceName).\(name)' doesn't exist")
        }
        func uses(_ type: CQLType) -> Bool {
            switch type {
            case .udt(let udt): return udt.name == name || udt.fields.contains { uses($0.type) }
            case .list(let element), .set(let element), .vector(let element, _): return uses(element)
            case .map(let key, let value): return uses(key) || uses(value)
            case .tuple(let elements): return elements.contains(where: uses)
            default: return false
            }
        }
        // Views only copy base columns, so the base table is the one to name.
        for table in keyspace.tables.values where !table.isView && table.columns.contains(where: { uses($0.type) }) {
            throw .invalid("Cannot drop user type '\(keyspaceName).\(name)' as it is still used by table \(table.name)")
        }
        for other in keyspace.types where other.name != name && other.fields.contains(where: { uses($0.type) }) {
            throw .invalid("Cannot drop user type '\(keyspaceName).\(name)' as it is still used by user type \(other.name)")
        }
        state.keyspaces[keyspaceName]!.types.removeAll { $0.name == name }
        state.schemaGeneration += 1
        return .schemaChange(.init(change: .dropped, target: .type, keyspace: keyspaceName, name: name))
    }
}
