import CQLProtocol

/// Runs INSERT, UPDATE and DELETE: plans mutations, checks LWT conditions against the
/// current data, logs and applies — all inside the caller's storage lock.
struct ModificationExecutor {
    let processor: QueryProcessor
    let time: RequestTime
    let imposedTimestamp: Int64?

    func execute(_ statement: Statement, evaluator: TermEvaluator, session: String?, state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        let plan = try plan(statement, evaluator: evaluator, session: session, state: &state)
        if let condition = plan.condition {
            return .rows(try applyConditionally([plan], condition: condition, state: &state))
        }
        try apply(plan.mutations, state: &state)
        return .void
    }

    /// Plans one modification statement.
    func plan(_ statement: Statement, evaluator: TermEvaluator, session: String?, state: inout StorageEngine.State) throws(ExecutionError) -> ModificationPlan {
        let (name, using): (QualifiedName, UsingClause) = switch statement {
        case .insert(let insert): (insert.table, insert.using)
        case .update(let update): (update.table, update.using)
        case .delete(let delete): (delete.table, delete.using)
        default: throw .invalid("Not a modification statement")
        }
        let keyspace = try SchemaExecutor.keyspaceName(name, session: session)
        if SchemaExecutor.systemKeyspaces.contains(keyspace) {
            throw ExecutionError(kind: .unauthorized, message: "\(keyspace) keyspace is not user-modifiable.")
        }
        let table = try SchemaExecutor.existingTable(name, session: session, state: state)
        if table.isView { throw .invalid("Cannot directly modify a materialized view") }
        if table.isCounterTable {
            // ModificationStatement.validate: counters carry their own clocks and never expire.
            if using.timestamp != nil { throw .invalid("Cannot provide custom timestamp for counter updates") }
            if using.timeToLive != nil { throw .invalid("Cannot provide custom TTL for counter updates") }
        }
        let context = ModificationContext(table: table, evaluator: evaluator, time: time, imposedTimestamp: imposedTimestamp)
        switch statement {
        case .insert(let insert): return try InsertPlanner.plan(insert, context: context, state: &state)
        case .update(let update): return try UpdatePlanner.plan(update, context: context, state: &state)
        case .delete(let delete): return try DeletePlanner.plan(delete, context: context, state: &state)
        default: throw .invalid("Not a modification statement")
        }
    }

    /// Logs and applies mutations.
    func apply(_ mutations: [Mutation], state: inout StorageEngine.State) throws(ExecutionError) {
        try processor.commitLog?.append(mutations, now: time.seconds)
        for mutation in mutations {
            guard let table = state.keyspaces[mutation.keyspace]?.tables[mutation.table] else { continue }
            state.applyMaintainingViews(mutation, table: table, now: time.seconds)
        }
    }

    /// Evaluates `condition` on the current row and applies `plans` only if it holds,
    /// returning Cassandra's `[applied]` result.
    func applyConditionally(_ plans: [ModificationPlan], condition: LWTCondition, state: inout StorageEngine.State) throws(ExecutionError) -> ResultSet {
        guard let table = plans.first?.table else { return ResultSet(columns: []) }
        let current = state.currentRow(table: table, partitionKey: condition.partitionKey, clustering: condition.clustering, now: time.seconds)
        let appliedColumn = ResultColumn(keyspace: table.keyspace, table: table.name, name: "[applied]", type: .boolean)
        if condition.holds(for: current) {
            try apply(plans.flatMap(\.mutations), state: &state)
            return ResultSet(columns: [appliedColumn], rows: [[[1]]])
        }
        guard let current else { return ResultSet(columns: [appliedColumn], rows: [[[0]]]) }
        let columns = condition.resultColumns(table: table)
        return ResultSet(columns: [appliedColumn] + columns.map { ResultColumn(keyspace: table.keyspace, table: table.name, name: $0.name, type: $0.type) },
                         rows: [[[0]] + columns.map { RowFilter.value(of: $0, in: current) }])
    }
}

/// Runs BATCH: logged batches apply all their mutations under one lock (atomically);
/// counter batches hold only counter updates; conditional batches must stay in one partition.
struct BatchExecutor {
    let processor: QueryProcessor
    let kind: RequestMessage.Batch.BatchType
    let children: [(Statement.Batch.Child, [CQLRawValue], String?)]
    let defaultTimestamp: Int64?
    let time: RequestTime
    var using = UsingClause()

    init(processor: QueryProcessor, kind: RequestMessage.Batch.BatchType, children: [(Statement.Batch.Child, [CQLRawValue], String?)],
         defaultTimestamp: Int64?, time: RequestTime, using: UsingClause = UsingClause()) {
        self.processor = processor
        self.kind = kind
        self.children = children
        self.defaultTimestamp = defaultTimestamp
        self.time = time
        self.using = using
    }

    func execute(state: inout StorageEngine.State) throws(ExecutionError) -> ResponseMessage.Result {
        var batchTimestamp = defaultTimestamp
        if let term = using.timestamp {
            let receiver = Receiver(keyspace: "", table: "", name: "[timestamp]", type: .bigint)
            guard case .bigint(let value)? = try TermEvaluator(bindings: children.first?.1 ?? [], time: time).value(term, for: receiver) else {
                throw .invalid("Invalid null value of timestamp")
            }
            batchTimestamp = value
        }
        let timestamp = batchTimestamp ?? state.nextTimestamp(nowMicros: time.micros)
        let executor = ModificationExecutor(processor: processor, time: time, imposedTimestamp: timestamp)
        var plans: [ModificationPlan] = []
        var conditions: [LWTCondition] = []
        for (child, bindings, keyspace) in children {
            let statement: Statement
            let childUsing: UsingClause
            switch child {
            case .insert(let insert): statement = .insert(insert); childUsing = insert.using
            case .update(let update): statement = .update(update); childUsing = update.using
            case .delete(let delete): statement = .delete(delete); childUsing = delete.using
            }
            if using.timestamp != nil && childUsing.timestamp != nil {
                throw .invalid("Timestamp must be set either on BATCH or individual statements")
            }
            let evaluator = TermEvaluator(bindings: bindings, time: time)
            let plan = try executor.plan(statement, evaluator: evaluator, session: keyspace, state: &state)
            let isCounter = plan.table.isCounterTable
            if kind == .counter && !isCounter { throw .invalid("Cannot include non-counter statement in a counter batch") }
            if kind == .logged && isCounter { throw .invalid("Cannot include a counter statement in a logged batch") }
            if kind == .unlogged && isCounter { throw .invalid("Counter and non-counter mutations cannot exist in the same batch") }
            if let condition = plan.condition { conditions.append(condition) }
            plans.append(plan)
        }
        guard !conditions.isEmpty else {
            try executor.apply(plans.flatMap(\.mutations), state: &state)
            return .void
        }
        let keys = Set(plans.flatMap { $0.mutations.map(\.partitionKey) })
        let tables = Set(plans.map { "\($0.table.keyspace).\($0.table.name)" })
        guard keys.count == 1, tables.count == 1 else {
            throw .invalid("Batch with conditions cannot span multiple tables or partitions")
        }
        // Every condition must hold for the batch to apply.
        let first = conditions[0]
        var merged = first
        merged.checks = conditions.flatMap(\.checks)
        if conditions.contains(where: { $0.kind != .columns }) {
            let table = plans[0].table
            for condition in conditions {
                let row = state.currentRow(table: table, partitionKey: condition.partitionKey, clustering: condition.clustering, now: time.seconds)
                if !condition.holds(for: row) {
                    let result = try executor.applyConditionally(plans, condition: condition, state: &state)
                    return QueryProcessor.message(.rows(result))
                }
            }
            try executor.apply(plans.flatMap(\.mutations), state: &state)
            let applied = ResultColumn(keyspace: table.keyspace, table: table.name, name: "[applied]", type: .boolean)
            return QueryProcessor.message(.rows(ResultSet(columns: [applied], rows: [[[1]]])))
        }
        return QueryProcessor.message(.rows(try executor.applyConditionally(plans, condition: merged, state: &state)))
    }
}
