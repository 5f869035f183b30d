import CQLProtocol

/// The mutations one modification statement produces, and its LWT conditions if any.
struct ModificationPlan {
    /// The table modified.
    var table: TableSchema
    /// One mutation per addressed partition.
    var mutations: [Mutation]
    /// The statement's `IF` part, if it is a lightweight transaction.
    var condition: LWTCondition?
}

/// Shared pieces of INSERT/UPDATE/DELETE planning.
struct ModificationContext {
    /// The statement's table.
    let table: TableSchema
    /// Evaluates terms with the request's bound values.
    let evaluator: TermEvaluator
    /// The request time.
    let time: RequestTime
    /// The timestamp a batch or the request imposes, if any.
    let imposedTimestamp: Int64?

    func receiver(_ column: ColumnSchema) -> Receiver {
        Receiver(keyspace: table.keyspace, table: table.name, name: column.name, type: column.type)
    }

    func column(_ identifier: Identifier) throws(ExecutionError) -> ColumnSchema {
        guard let column = table.column(named: identifier.name) else {
            throw .invalid("Undefined column name \(identifier.cqlText) in table \(table.keyspace).\(table.name)")
        }
        return column
    }

    /// The write timestamp: `USING TIMESTAMP`, else the imposed one, else a fresh server timestamp.
    func timestamp(_ using: UsingClause, state: inout StorageEngine.State) throws(ExecutionError) -> Int64 {
        if let term = using.timestamp {
            let receiver = Receiver(keyspace: table.keyspace, table: table.name, name: "[timestamp]", type: .bigint)
            guard case .bigint(let value)? = try evaluator.value(term, for: receiver) else {
                throw .invalid("Invalid null value of timestamp")
            }
            guard value != Int64.min else { throw .invalid("Invalid timestamp value") }
            return value
        }
        return imposedTimestamp ?? state.nextTimestamp(nowMicros: time.micros)
    }

    /// The TTL: `USING TTL`, else the table's `default_time_to_live`.
    func ttl(_ using: UsingClause) throws(ExecutionError) -> Int32 {
        if let term = using.timeToLive {
            let receiver = Receiver(keyspace: table.keyspace, table: table.name, name: "[ttl]", type: .int)
            guard case .int(let value)? = try evaluator.value(term, for: receiver) else {
                throw .invalid("Invalid null value of TTL")
            }
            guard value >= 0 else { throw .invalid("A TTL must be greater or equal to 0, but was \(value)") }
            guard value <= 630_720_000 else { throw .invalid("ttl is too large. requested (\(value)) maximum (630720000)") }
            return value
        }
        return Int32(table.options["default_time_to_live"] ?? "0") ?? 0
    }

    /// The key components of `column` given a value term (for INSERT).
    func keyValue(_ term: Term, column: ColumnSchema) throws(ExecutionError) -> [UInt8] {
        switch try evaluator.raw(term, for: receiver(column)) {
        case .bytes(let bytes): return bytes
        case .null: throw .invalid("Invalid null value in condition for column \(column.name)")
        case .unset: throw .invalid("Invalid unset value for column \(column.name)")
        }
    }

    /// A whole-value write of `column` from `term` (simple value or collection replacement).
    func wholeValueWrite(_ term: Term, column: ColumnSchema, state: inout StorageEngine.State) throws(ExecutionError) -> CellWrite? {
        if column.isCounter {
            throw .invalid("Cannot set the value of counter column \(column.name) (counters can only be incremented/decremented, not set)")
        }
        switch try evaluator.raw(term, for: receiver(column)) {
        case .unset: return nil
        case .null: return column.isMultiCell ? .deleteColumn : .value(nil)
        case .bytes(let bytes):
            guard column.isMultiCell else { return .value(bytes) }
            return .replaceCollection(try CollectionElements.elements(of: bytes, type: column.type, state: &state))
        }
    }
}

/// Plans INSERT statements.
enum InsertPlanner {
    static func plan(_ statement: Statement.Insert, context: ModificationContext, state: inout StorageEngine.State) throws(ExecutionError) -> ModificationPlan {
        let table = context.table
        guard !table.isCounterTable else { throw .invalid("INSERT statements are not allowed on counter tables, use UPDATE instead") }
        guard statement.columns.count == statement.values.count else {
            throw .invalid("Unmatched column names/values")
        }
        var seen = Set<String>()
        var assignments: [(ColumnSchema, Term)] = []
        for (identifier, term) in zip(statement.columns, statement.values) {
            let column = try context.column(identifier)
            guard seen.insert(column.name).inserted else { throw .invalid("Multiple definitions found for column \(column.name)") }
            assignments.append((column, term))
        }
        func keyComponents(_ indexes: [Int]) throws(ExecutionError) -> [[UInt8]] {
            let missing = indexes.map { table.columns[$0] }.filter { column in !assignments.contains { $0.0.name == column.name } }
            if let first = missing.first {
                // StatementRestrictions' wording, listing every missing column.
                let names = missing.map(\.name).joined(separator: ", ")
                throw .invalid(first.kind == .partitionKey ? "Some partition key parts are missing: \(names)" : "Some clustering keys are missing: \(names)")
            }
            var result: [[UInt8]] = []
            for index in indexes {
                let column = table.columns[index]
                guard let term = assignments.first(where: { $0.0.name == column.name })?.1 else { continue }
                result.append(try context.keyValue(term, column: column))
            }
            return result
        }
        let components = try keyComponents(table.partitionKey)
        let onlyStatic = assignments.allSatisfy { $0.0.isPrimaryKey || $0.0.kind == .staticColumn } && assignments.contains { $0.0.kind == .staticColumn }
        let hasClusteringValues = table.clustering.contains { index in assignments.contains { $0.0.name == table.columns[index].name } }
        let clustering = (onlyStatic && !hasClusteringValues) ? [] : try keyComponents(table.clustering)
        let key = PartitionKeyEncoding.routingKey(components)
        guard !key.isEmpty else { throw .invalid("Key may not be empty") }
        if statement.ifNotExists && statement.using.timestamp != nil {
            throw .invalid("Cannot provide custom timestamp for conditional updates")
        }
        let timestamp = try context.timestamp(statement.using, state: &state)
        let ttl = try context.ttl(statement.using)
        var regular = RowMutation(clustering: clustering, isStatic: false, liveness: nil, rowDeletion: nil, writes: [], timestamp: timestamp, ttl: ttl)
        var statics = RowMutation(clustering: [], isStatic: true, liveness: nil, rowDeletion: nil, writes: [], timestamp: timestamp, ttl: ttl)
        if !(onlyStatic && !hasClusteringValues) {
            regular.liveness = RowLiveness(timestamp: timestamp, ttl: ttl, expiresAt: ttl > 0 ? context.time.seconds + Int64(ttl) : 0)
        }
        for (column, term) in assignments where !column.isPrimaryKey {
            guard let write = try context.wholeValueWrite(term, column: column, state: &state) else { continue }
            if column.kind == .staticColumn {
                statics.writes.append(.init(slot: column.slot, change: write))
            } else {
                regular.writes.append(.init(slot: column.slot, change: write))
            }
        }
        var mutation = Mutation(keyspace: table.keyspace, table: table.name, partitionKey: key, components: components,
                                token: Murmur3Partitioner.token(for: key))
        if regular.liveness != nil || !regular.writes.isEmpty { mutation.rows.append(regular) }
        if !statics.writes.isEmpty { mutation.rows.append(statics) }
        let condition: LWTCondition? = statement.ifNotExists
            ? LWTCondition(kind: .ifNotExists, partitionKey: key, clustering: clustering, checks: []) : nil
        return ModificationPlan(table: table, mutations: [mutation], condition: condition)
    }
}

extension Mutation {
    /// Adds column writes to the row at `clustering`, routing static columns to the
    /// partition's static row; rows without writes are not added.
    mutating func addWrites(_ writes: [(column: ColumnSchema, change: CellWrite)], clustering: [[UInt8]], timestamp: Int64, ttl: Int32) {
        let regular = writes.filter { $0.column.kind != .staticColumn }.map { RowMutation.Write(slot: $0.column.slot, change: $0.change) }
        let statics = writes.filter { $0.column.kind == .staticColumn }.map { RowMutation.Write(slot: $0.column.slot, change: $0.change) }
        if !regular.isEmpty {
            rows.append(RowMutation(clustering: clustering, isStatic: false, liveness: nil, rowDeletion: nil, writes: regular, timestamp: timestamp, ttl: ttl))
        }
        if !statics.isEmpty {
            rows.append(RowMutation(clustering: [], isStatic: true, liveness: nil, rowDeletion: nil, writes: statics, timestamp: timestamp, ttl: ttl))
        }
    }
}
