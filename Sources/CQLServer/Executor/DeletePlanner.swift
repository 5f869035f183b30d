import CQLProtocol

/// Plans DELETE statements: column, element, row, range and partition deletions.
enum DeletePlanner {
    static func plan(_ statement: Statement.Delete, context: ModificationContext, state: inout StorageEngine.State) throws(ExecutionError) -> ModificationPlan {
        let table = context.table
        var targets: [(ColumnSchema, Statement.Delete.Target)] = []
        for target in statement.targets {
            let identifier: Identifier = switch target {
            case .column(let name), .element(let name, _), .field(let name, _): name
            }
            let column = try context.column(identifier)
            if column.isPrimaryKey { throw .invalid("Invalid identifier \(column.name) for deletion (should not be a PRIMARY KEY part)") }
            targets.append((column, target))
        }
        let onlyStatic = !targets.isEmpty && targets.allSatisfy { $0.0.kind == .staticColumn }
        let target = try ModificationTarget(whereClause: statement.whereClause, table: table, evaluator: context.evaluator,
                                            statementKind: "DELETE", allowsPartialClustering: true, onlyStatic: onlyStatic)
        if !targets.isEmpty && target.isPartialClustering && !onlyStatic {
            let restrictedCount = target.clusterings.first?.count ?? 0
            if restrictedCount > 0 || target.restrictions.hasClusteringSlice {
                throw .invalid("Range deletions are not supported for specific columns")
            }
            let missing = table.clustering.map { table.columns[$0].name }
            throw .invalid("Some clustering keys are missing: \(missing.joined(separator: ", "))")
        }
        let isConditional = statement.ifExists || !statement.conditions.isEmpty
        if isConditional {
            if statement.using.timestamp != nil { throw .invalid("Cannot provide custom timestamp for conditional updates") }
            if target.partitions.count > 1 { throw .invalid("IN on the partition key is not supported with conditional deletions") }
            if target.isPartialClustering && !table.clustering.isEmpty && !onlyStatic {
                throw .invalid("DELETE statements must restrict all PRIMARY KEY columns with equality relations in order to use IF conditions")
            }
        }
        if statement.using.timeToLive != nil { throw .invalid("TTL is not allowed for DELETE statements") }
        let timestamp = try context.timestamp(statement.using, state: &state)
        var mutations: [Mutation] = []
        for partition in target.partitions {
            var mutation = Mutation(keyspace: table.keyspace, table: table.name, partitionKey: partition.key,
                                    components: partition.components, token: partition.token)
            if targets.isEmpty {
                let prefixLength = target.clusterings.first?.count ?? 0
                if prefixLength == 0 && !target.restrictions.hasClusteringSlice {
                    mutation.partitionDeletion = timestamp
                } else if target.isPartialClustering {
                    mutation.rangeDeletions = target.rangeTombstone(table: table, timestamp: timestamp)
                } else {
                    for clustering in target.clusterings {
                        mutation.rows.append(RowMutation(clustering: clustering, isStatic: false, liveness: nil, rowDeletion: timestamp,
                                                         writes: [], timestamp: timestamp, ttl: 0))
                    }
                }
            } else {
                for clustering in (onlyStatic ? [[]] : target.clusterings) {
                    var writes: [(column: ColumnSchema, change: CellWrite)] = []
                    for (column, deletion) in targets {
                        writes.append((column, try change(deletion, column: column, context: context, partitionKey: partition.key,
                                                          clustering: clustering, state: &state)))
                    }
                    mutation.addWrites(writes, clustering: clustering, timestamp: timestamp, ttl: 0)
                }
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

    private static func change(_ target: Statement.Delete.Target, column: ColumnSchema, context: ModificationContext,
                               partitionKey: [UInt8], clustering: [[UInt8]], state: inout StorageEngine.State) throws(ExecutionError) -> CellWrite {
        let receiver = context.receiver(column)
        switch target {
        case .column:
            return .deleteColumn
        case .element(_, let key):
            switch column.type {
            case .map(let keyType, _) where column.isMultiCell:
                return .removeElements([try context.evaluator.bytes(key, for: receiver.derived(name: "key(\(column.name))", type: keyType), what: "map key")])
            case .set(let elementType) where column.isMultiCell:
                return .removeElements([try context.evaluator.bytes(key, for: receiver.derived(name: "value(\(column.name))", type: elementType))])
            case .list where column.isMultiCell:
                guard case .int(let index)? = try context.evaluator.value(key, for: receiver.derived(name: "idx(\(column.name))", type: .int)) else {
                    throw .invalid("Invalid null value for list index")
                }
                let current = state.liveElements(table: context.table, partitionKey: partitionKey, clustering: clustering,
                                                 isStatic: column.kind == .staticColumn, slot: column.slot, now: context.time.seconds)
                guard index >= 0, Int(index) < current.count else {
                    throw .invalid("Attempted to delete an element from a list which is null")
                }
                return .removeElements([current[Int(index)].path])
            default:
                throw .invalid("Invalid deletion operation for frozen collection column \(column.name)")
            }
        case .field(_, let field):
            guard case .udt(let udt) = column.type, udt.fields.contains(where: { $0.name == field.name }) else {
                throw .invalid("Invalid field \(field.name) for column \(column.name)")
            }
            let row = state.currentRow(table: context.table, partitionKey: partitionKey, clustering: clustering, now: context.time.seconds)
            guard let bytes = row?.value(slot: column.slot)?.bytes, case .udt(var fields)? = try? CQLValue.decode(bytes, as: column.type) else {
                return .deleteColumn
            }
            if let index = fields.firstIndex(where: { $0.name == field.name }) { fields[index].value = nil }
            do { return .value(try CQLValue.udt(fields).serialized(as: column.type)) } catch { throw .invalid(error.message) }
        }
    }
}
