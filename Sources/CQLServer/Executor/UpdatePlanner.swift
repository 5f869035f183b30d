import CQLProtocol

/// Plans UPDATE statements.
enum UpdatePlanner {
    static func plan(_ statement: Statement.Update, context: ModificationContext, state: inout StorageEngine.State) throws(ExecutionError) -> ModificationPlan {
        let table = context.table
        var assigned: [(ColumnSchema, Assignment.Operation)] = []
        for assignment in statement.assignments {
            let column = try context.column(assignment.column)
            if column.isPrimaryKey {
                throw .invalid("PRIMARY KEY part \(column.name) found in SET part")
            }
            assigned.append((column, assignment.operation))
        }
        let onlyStatic = !assigned.isEmpty && assigned.allSatisfy { $0.0.kind == .staticColumn }
        let target = try ModificationTarget(whereClause: statement.whereClause, table: table, evaluator: context.evaluator,
                                            statementKind: "UPDATE", allowsPartialClustering: false, onlyStatic: onlyStatic)
        let isConditional = statement.ifExists || !statement.conditions.isEmpty
        if isConditional {
            if statement.using.timestamp != nil { throw .invalid("Cannot provide custom timestamp for conditional updates") }
            if target.partitions.count > 1 { throw .invalid("IN on the partition key is not supported with conditional updates") }
            if target.clusterings.count > 1 { throw .invalid("IN on the clustering key columns is not supported with conditional updates") }
        }
        let timestamp = try context.timestamp(statement.using, state: &state)
        let ttl = try context.ttl(statement.using)
        var mutations: [Mutation] = []
        for partition in target.partitions {
            var mutation = Mutation(keyspace: table.keyspace, table: table.name, partitionKey: partition.key,
                                    components: partition.components, token: partition.token)
            for clustering in (onlyStatic ? [[]] : target.clusterings) {
                var writes: [(column: ColumnSchema, change: CellWrite)] = []
                for (column, operation) in assigned {
                    let location = ElementLocation(table: table, partitionKey: partition.key, clustering: clustering,
                                                   isStatic: column.kind == .staticColumn, now: context.time.seconds)
                    guard let write = try write(operation, column: column, context: context, location: location, state: &state) else { continue }
                    writes.append((column, write))
                }
                mutation.addWrites(writes, clustering: clustering, timestamp: timestamp, ttl: ttl)
            }
            mutations.append(mutation)
        }
        var condition: LWTCondition?
        if isConditional, let partition = target.partitions.first {
            condition = try LWTCondition(ifExists: statement.ifExists, conditions: statement.conditions, context: context,
                                         partitionKey: partition.key, clustering: onlyStatic ? [] : (target.clusterings.first ?? []))
        }
        return ModificationPlan(table: table, mutations: mutations, condition: condition)
    }

    /// Where an element operation reads the current collection from.
    struct ElementLocation {
        let table: TableSchema
        let partitionKey: [UInt8]
        let clustering: [[UInt8]]
        let isStatic: Bool
        let now: Int64
    }

    private static func write(_ operation: Assignment.Operation, column: ColumnSchema, context: ModificationContext,
                              location: ElementLocation, state: inout StorageEngine.State) throws(ExecutionError) -> CellWrite? {
        let receiver = context.receiver(column)
        func frozenError(_ text: String) -> ExecutionError {
            .invalid("Invalid operation (\(column.name) = \(text)) for frozen collection column \(column.name)")
        }
        switch operation {
        case .set(let term):
            return try context.wholeValueWrite(term, column: column, state: &state)
        case .add(let term), .prepend(let term):
            let isPrepend = if case .prepend = operation { true } else { false }
            if column.isCounter {
                guard !isPrepend else { throw .invalid("Invalid operation for counter column \(column.name)") }
                guard case .counter(let delta)? = try context.evaluator.value(term, for: receiver) else {
                    throw .invalid("Invalid null value for counter increment")
                }
                return .counterAdd(delta)
            }
            guard column.type.isCollection else {
                throw .invalid("Invalid operation (\(column.name) = \(column.name) + ?) for non counter column \(column.name)")
            }
            guard column.isMultiCell else { throw frozenError("\(column.name) + ?") }
            if isPrepend, case .list = column.type {} else if isPrepend {
                throw .invalid("Invalid operation (\(column.name) = ? + \(column.name)) for non list column \(column.name)")
            }
            switch try context.evaluator.raw(term, for: receiver) {
            case .unset: return nil
            case .null: return nil
            case .bytes(let bytes):
                return .addElements(try CollectionElements.elements(of: bytes, type: column.type, prepend: isPrepend, state: &state))
            }
        case .subtract(let term):
            if column.isCounter {
                guard case .counter(let delta)? = try context.evaluator.value(term, for: receiver) else {
                    throw .invalid("Invalid null value for counter increment")
                }
                return .counterAdd(0 &- delta)
            }
            guard column.isMultiCell else {
                throw column.type.isCollection ? frozenError("\(column.name) - ?") : .invalid("Invalid operation (\(column.name) = \(column.name) - ?) for non counter column \(column.name)")
            }
            switch column.type {
            case .set, .map:
                let keyType: CQLType = if case .map(let key, _) = column.type { .set(key) } else { column.type }
                guard case .bytes(let bytes) = try context.evaluator.raw(term, for: receiver.derived(name: column.name, type: keyType)) else { return nil }
                return .removeElements(try CollectionElements.values(of: bytes))
            case .list:
                guard case .bytes(let bytes) = try context.evaluator.raw(term, for: receiver) else { return nil }
                let removed = Set(try CollectionElements.values(of: bytes))
                let current = state.liveElements(table: location.table, partitionKey: location.partitionKey, clustering: location.clustering,
                                                 isStatic: location.isStatic, slot: column.slot, now: location.now)
                return .removeElements(current.filter { $0.cell.value.map(removed.contains) ?? false }.map(\.path))
            default:
                throw .invalid("Invalid operation for column \(column.name)")
            }
        case .setElement(let keyTerm, let valueTerm):
            switch column.type {
            case .map(let keyType, let valueType):
                guard column.isMultiCell else { throw .invalid("Invalid operation (\(column.name)[?] = ?) for frozen collection column \(column.name)") }
                let key = try context.evaluator.bytes(keyTerm, for: receiver.derived(name: "key(\(column.name))", type: keyType), what: "map key")
                switch try context.evaluator.raw(valueTerm, for: receiver.derived(name: "value(\(column.name))", type: valueType)) {
                case .unset: return nil
                case .null: return .removeElements([key])
                case .bytes(let value): return .addElements([CollectionElement(path: key, value: value)])
                }
            case .list(let elementType):
                guard column.isMultiCell else { throw .invalid("Invalid operation (\(column.name)[?] = ?) for frozen collection column \(column.name)") }
                guard case .int(let index)? = try context.evaluator.value(keyTerm, for: receiver.derived(name: "idx(\(column.name))", type: .int)) else {
                    throw .invalid("Invalid null value for list index")
                }
                let current = state.liveElements(table: location.table, partitionKey: location.partitionKey, clustering: location.clustering,
                                                 isStatic: location.isStatic, slot: column.slot, now: location.now)
                guard !current.isEmpty else { throw .invalid("Attempted to set an element on a list which is null") }
                guard index >= 0, Int(index) < current.count else {
                    throw .invalid("List index \(index) out of bound, list has size \(current.count)")
                }
                let path = current[Int(index)].path
                switch try context.evaluator.raw(valueTerm, for: receiver.derived(name: "value(\(column.name))", type: elementType)) {
                case .unset: return nil
                case .null: return .removeElements([path])
                case .bytes(let value): return .addElements([CollectionElement(path: path, value: value)])
                }
            default:
                throw .invalid("Column \(column.name) cannot be used as a map or list")
            }
        case .setField(let field, let term):
            guard case .udt(let udt) = column.type, let fieldIndex = udt.fields.firstIndex(where: { $0.name == field.name }) else {
                throw .invalid("Invalid field \(field.name) for column \(column.name)")
            }
            let fieldReceiver = receiver.derived(name: "\(column.name).\(field.name)", type: udt.fields[fieldIndex].type)
            let newValue = try context.evaluator.value(term, for: fieldReceiver)
            let row = state.currentRow(table: location.table, partitionKey: location.partitionKey,
                                       clustering: location.isStatic ? [] : location.clustering, now: location.now)
            var fields: [CQLValue.Field] = udt.fields.map { .init(name: $0.name, value: nil) }
            if let bytes = row?.value(slot: column.slot)?.bytes, case .udt(let existing)? = try? CQLValue.decode(bytes, as: column.type) {
                for existingField in existing { if let index = fields.firstIndex(where: { $0.name == existingField.name }) { fields[index] = existingField } }
            }
            fields[fieldIndex].value = newValue
            do { return .value(try CQLValue.udt(fields).serialized(as: column.type)) } catch { throw .invalid(error.message) }
        }
    }
}
