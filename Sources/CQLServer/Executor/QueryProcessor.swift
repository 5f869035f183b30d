#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol
import Synchronization

/// Executes QUERY, PREPARE, EXECUTE and BATCH requests against the storage engine and
/// turns the outcome into RESULT or ERROR messages. Pure with respect to IO: the network
/// layer calls it and sends what it returns.
final class QueryProcessor: Sendable {
    /// Per-connection state that statements can change.
    struct SessionState: Sendable {
        /// The keyspace set by `USE`.
        var keyspace: String?
    }

    /// What one request produced.
    struct Outcome: Sendable {
        /// The response to send.
        var response: ResponseMessage
        /// A schema change to broadcast to connections registered for SCHEMA_CHANGE.
        var schemaChange: ResponseMessage.SchemaChange?
    }

    let engine: StorageEngine
    let preparedStatements = PreparedStatementStore()
    let node: NodeIdentity
    /// The other nodes of an ``EmbeddedCQLCluster`` (listed in `system.peers_v2`); empty for
    /// a single node.
    var peers: [NodeIdentity] { peerList.withLock { $0 } }
    private let peerList: Mutex<[NodeIdentity]>
    let clock: @Sendable () -> Int64
    let commitLog: CommitLog?

    /// Creates a processor.
    /// - Parameters:
    ///   - node: What `system.local` reports.
    ///   - peers: What `system.peers_v2` and `system.peers` list.
    ///   - clock: Microseconds since the epoch (injected so tests can control time).
    init(engine: StorageEngine, node: NodeIdentity, peers: [NodeIdentity] = [], commitLog: CommitLog?,
         clock: @escaping @Sendable () -> Int64) {
        self.engine = engine
        self.node = node
        peerList = Mutex(peers)
        self.commitLog = commitLog
        self.clock = clock
    }

    /// Stops listing the peer with `hostID` (it left the cluster).
    func removePeer(hostID: UUID) {
        peerList.withLock { $0.removeAll { $0.hostID == hostID } }
    }

    // MARK: Requests

    func query(_ message: RequestMessage.Query, session: inout SessionState) -> Outcome {
        outcome { () throws(ExecutionError) in
            let parsed = try Self.parse(message.query)
            let bindings = try Self.bindings(message.parameters.values, markers: parsed.bindMarkers, names: parsed.bindMarkers.map { $0.name?.name ?? "" })
            return try run(parsed.statement, text: message.query, bindings: bindings, parameters: message.parameters, session: &session)
        }
    }

    func prepare(_ message: RequestMessage.Prepare, session: SessionState) -> Outcome {
        outcome { () throws(ExecutionError) in
            let id = PreparedStatementStore.id(query: message.query, keyspace: session.keyspace)
            if let existing = preparedStatements.entry(id) { return .prepared(existing.prepared) }
            let parsed = try Self.parse(message.query)
            let entry = try prepareEntry(parsed, query: message.query, session: session, id: id)
            preparedStatements.store(entry, id: id)
            return .prepared(entry.prepared)
        }
    }

    func execute(_ message: RequestMessage.Execute, session: inout SessionState) -> Outcome {
        outcome { () throws(ExecutionError) in
            guard let entry = preparedStatements.entry(message.id) else {
                throw ExecutionError(kind: .unprepared(id: message.id),
                                     message: "Prepared query with ID \(message.id.hexString) not found (either the query was not prepared on this host (maybe the host has been restarted?) or you have prepared too many queries and it has been evicted from the internal cache)")
            }
            var statementSession = session
            statementSession.keyspace = entry.keyspace ?? session.keyspace
            let bindings = try Self.bindings(message.parameters.values, markers: entry.parsed.bindMarkers, names: entry.variableNames)
            let result = try run(entry.parsed.statement, text: entry.query, bindings: bindings, parameters: message.parameters, session: &statementSession)
            if case .rows(let rows) = result, message.parameters.skipMetadata {
                let metadata = ResultMetadata(noMetadataColumnCount: rows.metadata.columnCount, pagingState: rows.metadata.pagingState)
                return .rows(.init(metadata: metadata, rowCount: rows.rowCount, values: rows.values))
            }
            if case .setKeyspace = result { session.keyspace = statementSession.keyspace }
            return result
        }
    }

    func batch(_ message: RequestMessage.Batch, session: inout SessionState) -> Outcome {
        outcome { () throws(ExecutionError) in
            var children: [(Statement.Batch.Child, [CQLRawValue], String?)] = []
            for statement in message.statements {
                let parsed: ParsedStatement
                let names: [String]
                var keyspace = session.keyspace
                switch statement.kind {
                case .query(let text):
                    parsed = try Self.parse(text)
                    names = parsed.bindMarkers.map { $0.name?.name ?? "" }
                case .prepared(let id):
                    guard let entry = preparedStatements.entry(id) else {
                        throw ExecutionError(kind: .unprepared(id: id), message: "Prepared query with ID \(id.hexString) not found")
                    }
                    parsed = entry.parsed
                    names = entry.variableNames
                    keyspace = entry.keyspace ?? keyspace
                }
                let child: Statement.Batch.Child
                switch parsed.statement {
                case .insert(let insert): child = .insert(insert)
                case .update(let update): child = .update(update)
                case .delete(let delete): child = .delete(delete)
                default: throw .invalid("Invalid statement in batch: only UPDATE, INSERT and DELETE statements are allowed.")
                }
                children.append((child, try Self.bindings(statement.values, markers: parsed.bindMarkers, names: names), keyspace))
            }
            return try engine.withState { state throws(ExecutionError) in
                try BatchExecutor(processor: self, kind: message.type, children: children,
                                  defaultTimestamp: message.defaultTimestamp, time: RequestTime(micros: clock())).execute(state: &state)
            }
        }
    }

    // MARK: Execution

    private func outcome(_ body: () throws(ExecutionError) -> ResponseMessage.Result) -> Outcome {
        do {
            let result = try body()
            var change: ResponseMessage.SchemaChange?
            if case .schemaChange(let schemaChange) = result { change = schemaChange }
            return Outcome(response: .result(result), schemaChange: change)
        } catch {
            return Outcome(response: .error(error.serverError), schemaChange: nil)
        }
    }

    static func parse(_ text: String) throws(ExecutionError) -> ParsedStatement {
        do {
            return try Parser.parseWithBindMarkers(text)
        } catch {
            throw .syntax(error.message.hasPrefix("line") ? error.message : "line \(error.line):\(error.column) \(error.message)")
        }
    }

    /// Orders bound values by marker index, mapping named values by marker name.
    static func bindings(_ values: RequestMessage.BoundValues?, markers: [BindMarker], names: [String]) throws(ExecutionError) -> [CQLRawValue] {
        let count = markers.map(\.index).max().map { $0 + 1 } ?? 0
        switch values {
        case nil:
            guard count == 0 else { throw .invalid("There were \(count) markers(?) in CQL but 0 bound variables") }
            return []
        case .serialized(let serialized)?:
            return try bindings(.positional(serialized.rawValues), markers: markers, names: names)
        case .positional(let list)?:
            guard list.count == count else { throw .invalid("There were \(count) markers(?) in CQL but \(list.count) bound variables") }
            return list
        case .named(let named)?:
            var result: [CQLRawValue] = []
            for index in 0..<count {
                let name = index < names.count ? names[index] : ""
                guard let value = named.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                    throw .invalid("Invalid unset value for column \(name): no value was bound for it")
                }
                result.append(value.value)
            }
            return result
        }
    }

    /// Runs one parsed statement with its bindings.
    func run(_ statement: Statement, text: String, bindings: [CQLRawValue], parameters: RequestMessage.QueryParameters,
             session: inout SessionState) throws(ExecutionError) -> ResponseMessage.Result {
        let time = RequestTime(micros: clock())
        let evaluator = TermEvaluator(bindings: bindings, time: time)
        let sessionKeyspace = session.keyspace
        let result: ExecutionResult = try engine.withState { state throws(ExecutionError) -> ExecutionResult in
            switch statement {
            case .select(let select):
                return try self.select(select, session: sessionKeyspace, evaluator: evaluator, parameters: parameters, time: time, state: &state)
            case .insert, .update, .delete:
                return try ModificationExecutor(processor: self, time: time, imposedTimestamp: parameters.defaultTimestamp)
                    .execute(statement, evaluator: evaluator, session: sessionKeyspace, state: &state)
            case .batch(let batch):
                var children: [(Statement.Batch.Child, [CQLRawValue], String?)] = []
                for child in batch.statements { children.append((child, bindings, sessionKeyspace)) }
                let kind: RequestMessage.Batch.BatchType = switch batch.kind {
                case .logged: .logged
                case .unlogged: .unlogged
                case .counter: .counter
                }
                let result = try BatchExecutor(processor: self, kind: kind, children: children, defaultTimestamp: parameters.defaultTimestamp,
                                               time: time, using: batch.using).execute(state: &state)
                return try Self.executionResult(result)
            case .use(let use):
                return try SchemaExecutor.use(use, state: state)
            default:
                let result = try self.ddl(statement, session: sessionKeyspace, time: time, state: &state)
                // Schema changes and TRUNCATE (which removes data without mutations) replay as statements.
                let changesSchema = if case .schemaChange = result { true } else { false }
                let isTruncate = if case .truncate = statement { true } else { false }
                if changesSchema || isTruncate { try self.commitLog?.appendSchemaStatement(text, keyspace: sessionKeyspace) }
                return result
            }
        }
        if case .setKeyspace(let keyspace) = result { session.keyspace = keyspace }
        return Self.message(result)
    }

    private static func executionResult(_ result: ResponseMessage.Result) throws(ExecutionError) -> ExecutionResult {
        switch result {
        case .void: return .void
        case .rows(let rows):
            let columns = rows.metadata.columns?.map { ResultColumn(keyspace: $0.keyspace, table: $0.table, name: $0.name, type: $0.type) } ?? []
            var output: [[[UInt8]?]] = []
            for row in 0..<rows.rowCount { output.append((0..<rows.columnCount).map { rows.value(row: row, column: $0) }) }
            return .rows(ResultSet(columns: columns, rows: output, pagingState: rows.metadata.pagingState))
        default: throw ExecutionError(kind: .server, message: "unexpected batch result")
        }
    }

    private func ddl(_ statement: Statement, session: String?, time: RequestTime, state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        switch statement {
        case .createKeyspace(let create): return try SchemaExecutor.createKeyspace(create, in: &state)
        case .alterKeyspace(let alter): return try SchemaExecutor.alterKeyspace(alter, in: &state)
        case .dropKeyspace(let drop): return try SchemaExecutor.dropKeyspace(drop, in: &state)
        case .createTable(let create): return try SchemaExecutor.createTable(create, session: session, in: &state)
        case .alterTable(let alter): return try SchemaExecutor.alterTable(alter, session: session, in: &state)
        case .dropTable(let drop): return try SchemaExecutor.dropTable(drop, session: session, in: &state)
        case .truncate(let truncate): return try SchemaExecutor.truncate(truncate, session: session, in: &state)
        case .createType(let create): return try SchemaExecutor.createType(create, session: session, in: &state)
        case .alterType(let alter): return try SchemaExecutor.alterType(alter, session: session, in: &state)
        case .dropType(let drop): return try SchemaExecutor.dropType(drop, session: session, in: &state)
        case .createIndex(let create): return try SchemaExecutor.createIndex(create, session: session, in: &state)
        case .dropIndex(let drop): return try SchemaExecutor.dropIndex(drop, session: session, in: &state)
        case .createMaterializedView(let create): return try SchemaExecutor.createView(create, session: session, time: time, in: &state)
        case .alterMaterializedView(let alter): return try SchemaExecutor.alterView(alter, session: session, in: &state)
        case .dropMaterializedView(let drop): return try SchemaExecutor.dropView(drop, session: session, in: &state)
        default: throw .invalid("Unsupported statement")
        }
    }

    private func select(_ select: Statement.Select, session: String?, evaluator: TermEvaluator, parameters: RequestMessage.QueryParameters,
                        time: RequestTime, state: inout StorageEngine.State) throws(ExecutionError) -> ExecutionResult {
        let keyspace = try SchemaExecutor.keyspaceName(select.table, session: session)
        let paging = SelectExecutor.Paging(pageSize: parameters.pageSize.map(Int.init), state: parameters.pagingState)
        if SystemTables.keyspaceNames.contains(keyspace) {
            guard let (schema, virtualStore) = SystemTables.table(keyspace: keyspace, name: select.table.name.name, state: state, node: node,
                                                                  peers: peers, schemaVersion: SystemTables.schemaVersion(of: state)) else {
                throw .invalid("table \(select.table.name.name) does not exist")
            }
            var store = virtualStore
            return .rows(try SelectExecutor(statement: select, table: schema, evaluator: evaluator, paging: paging, now: time.seconds).execute(store: &store))
        }
        let table = try SchemaExecutor.existingTable(select.table, session: session, state: state)
        var store = state.stores[table.id] ?? TableStore()
        let result = try SelectExecutor(statement: select, table: table, evaluator: evaluator, paging: paging, now: time.seconds).execute(store: &store)
        state.stores[table.id] = store
        return .rows(result)
    }

    // MARK: Prepare

    private func prepareEntry(_ parsed: ParsedStatement, query: String, session: SessionState, id: [UInt8]) throws(ExecutionError) -> PreparedEntry {
        if case .createMaterializedView = parsed.statement, parsed.bindMarkerCount > 0 {
            throw .invalid("Bind variables are not allowed in CREATE MATERIALIZED VIEW statements")
        }
        let (variables, pkIndexes, resultColumns) = try engine.withState { state throws(ExecutionError) in
            try metadata(for: parsed.statement, session: session.keyspace, state: state)
        }
        var columns: [ResultMetadata.ColumnSpec] = []
        var names: [String] = []
        for index in 0..<parsed.bindMarkerCount {
            guard let receiver = variables.receivers[index] else {
                throw .invalid("Cannot infer the type of bind marker \(index + 1); add a type hint, e.g. (int)?")
            }
            columns.append(.init(keyspace: receiver.keyspace, table: receiver.table, name: variables.names[index] ?? receiver.name, type: receiver.type))
            names.append(variables.names[index] ?? receiver.name)
        }
        let prepared = ResponseMessage.Result.Prepared(
            id: id,
            metadata: PreparedMetadata(columns: columns, partitionKeyIndexes: pkIndexes),
            resultMetadata: ResultMetadata(columns: resultColumns.map { .init(keyspace: $0.keyspace, table: $0.table, name: $0.name, type: $0.type) }))
        return PreparedEntry(query: query, keyspace: session.keyspace, parsed: parsed, prepared: prepared, variableNames: names)
    }

    private func metadata(for statement: Statement, session: String?, state: StorageEngine.State) throws(ExecutionError) -> (BindVariables, [UInt16], [ResultColumn]) {
        func table(_ name: QualifiedName) throws(ExecutionError) -> TableSchema {
            let keyspace = try SchemaExecutor.keyspaceName(name, session: session)
            if SystemTables.keyspaceNames.contains(keyspace),
               let (schema, _) = SystemTables.table(keyspace: keyspace, name: name.name.name, state: state, node: node, schemaVersion: UUID()) {
                return schema
            }
            return try SchemaExecutor.existingTable(name, session: session, state: state)
        }
        switch statement {
        case .select(let select):
            let schema = try table(select.table)
            var variables = BindVariables(table: schema)
            variables.visit(select)
            var evaluator = TermEvaluator(bindings: [], time: RequestTime(micros: clock()))
            evaluator.isPreparing = true
            let selection = try Selection(select, table: schema, evaluator: evaluator)
            return (variables, variables.partitionKeyIndexes(for: statement), selection.columns)
        case .insert(let insert):
            var variables = BindVariables(table: try table(insert.table))
            variables.visit(insert)
            return (variables, variables.partitionKeyIndexes(for: statement), [])
        case .update(let update):
            var variables = BindVariables(table: try table(update.table))
            variables.visit(update)
            return (variables, variables.partitionKeyIndexes(for: statement), [])
        case .delete(let delete):
            var variables = BindVariables(table: try table(delete.table))
            variables.visit(delete)
            return (variables, variables.partitionKeyIndexes(for: statement), [])
        case .batch(let batch):
            guard let first = batch.statements.first else { return (BindVariables(table: TableSchema(keyspace: "", name: "", columns: [])), [], []) }
            let firstTable: QualifiedName = switch first {
            case .insert(let insert): insert.table
            case .update(let update): update.table
            case .delete(let delete): delete.table
            }
            var variables = BindVariables(table: try table(firstTable))
            for child in batch.statements {
                switch child {
                case .insert(let insert):
                    var childVariables = BindVariables(table: try table(insert.table)); childVariables.visit(insert); variables.merge(childVariables)
                case .update(let update):
                    var childVariables = BindVariables(table: try table(update.table)); childVariables.visit(update); variables.merge(childVariables)
                case .delete(let delete):
                    var childVariables = BindVariables(table: try table(delete.table)); childVariables.visit(delete); variables.merge(childVariables)
                }
            }
            variables.visit(batch.using)
            return (variables, [], [])
        default:
            return (BindVariables(table: TableSchema(keyspace: "", name: "", columns: [])), [], [])
        }
    }

    // MARK: Results

    static func message(_ result: ExecutionResult) -> ResponseMessage.Result {
        switch result {
        case .void:
            return .void
        case .setKeyspace(let keyspace):
            return .setKeyspace(keyspace)
        case .schemaChange(let change):
            let target: ResponseMessage.SchemaChange.Target = switch change.target {
            case .keyspace: .keyspace(change.keyspace)
            case .table: .table(keyspace: change.keyspace, name: change.name)
            case .type: .type(keyspace: change.keyspace, name: change.name)
            }
            let changeType: ResponseMessage.SchemaChange.ChangeType = switch change.change {
            case .created: .created
            case .updated: .updated
            case .dropped: .dropped
            }
            return .schemaChange(.init(changeType: changeType, target: target))
        case .rows(let set):
            let columns = set.columns.map { ResultMetadata.ColumnSpec(keyspace: $0.keyspace, table: $0.table, name: $0.name, type: $0.type) }
            return .rows(.init(metadata: ResultMetadata(columns: columns, pagingState: set.pagingState), rows: set.rows))
        }
    }
}

extension BindVariables {
    /// Adds another statement's receivers (a batch's children share one marker numbering).
    mutating func merge(_ other: BindVariables) {
        for (index, receiver) in other.receiversByIndex { setReceiver(receiver, at: index, name: other.nameByIndex[index]) }
    }
}

extension ExecutionError {
    /// The ERROR message body for this failure.
    var serverError: ServerError {
        switch kind {
        case .syntax: ServerError(code: .syntaxError, message: message)
        case .invalid: ServerError(code: .invalid, message: message)
        case .configuration: ServerError(code: .configError, message: message)
        case .alreadyExists(let keyspace, let table): ServerError(message: message, details: .alreadyExists(keyspace: keyspace, table: table))
        case .unprepared(let id): ServerError(message: message, details: .unprepared(id: id))
        case .unauthorized: ServerError(code: .unauthorized, message: message)
        case .authentication: ServerError(code: .authenticationError, message: message)
        case .protocolViolation: ServerError(code: .protocolError, message: message)
        case .server: ServerError(code: .serverError, message: message)
        }
    }
}
