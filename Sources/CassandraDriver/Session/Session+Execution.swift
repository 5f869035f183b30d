#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol
import Metrics
import Synchronization

extension Session {
    /// Runs a request along the query plan with the retry policy, and speculative executions
    /// for idempotent requests when the policy asks for them.
    /// - Returns: the result and the frame it came in (for the envelope), plus the node.
    nonisolated(nonsending) func perform(_ request: Request) async throws -> ResultSet {
        let snapshot = try beginRequest(statement: request.statement)
        defer { endRequest() }
        metrics.requests.increment()
        let start = MonotonicInstant.now
        defer { metrics.latency.recordNanoseconds(MonotonicInstant.now.nanoseconds &- start.nanoseconds) }
        metrics.inFlight.increment()
        defer { metrics.inFlight.decrement() }
        do {
            // Planned outside the session lock: every request takes that lock.
            let plan = loadBalancing.plan(for: request.routing, in: snapshot)
            if let delay = configuration.speculativeExecutionPolicy.nextExecutionDelay(for: request.routing, executionsStarted: 1) {
                return try await performSpeculatively(request, nodes: Array(plan), firstDelay: delay)
            }
            return try await performAlong(plan.makeIterator(), request, startingAt: start)
        } catch let error as CassandraError {
            metrics.recordError(error.code)
            throw error
        }
    }

    private func performSpeculatively(_ request: Request, nodes: [Node], firstDelay: Duration) async throws -> ResultSet {
        try await withThrowingTaskGroup(of: ResultSet?.self) { group in
            group.addTask { try await self.performAlong(QueryPlan(nodes).makeIterator(), request) }
            group.addTask {
                try await Task.sleep(for: firstDelay)
                return nil
            }
            var started = 1
            var running = 1
            var firstError: (any Error)?
            while let outcome = await group.nextResult() {
                switch outcome {
                case .success(let result?):
                    group.cancelAll()
                    return result
                case .success(nil):
                    guard started < nodes.count else { continue }
                    let rotated = Array(nodes[started...] + nodes[..<started])
                    group.addTask { try await self.performAlong(QueryPlan(rotated).makeIterator(), request) }
                    metrics.retries.increment()
                    started += 1
                    running += 1
                    if let delay = configuration.speculativeExecutionPolicy.nextExecutionDelay(
                        for: request.routing, executionsStarted: started) {
                        group.addTask {
                            try await Task.sleep(for: delay)
                            return nil
                        }
                    }
                case .failure(let error):
                    if error is CancellationError { continue }
                    firstError = firstError ?? error
                    running -= 1
                    if running == 0 {
                        group.cancelAll()
                        throw firstError!
                    }
                }
            }
            throw firstError ?? CassandraError(.noNodeAvailable, "no node answered", statement: request.statement)
        }
    }

    /// Tries the plan's nodes in order, retrying per the retry policy; `start` is when the
    /// request began, if just now.
    ///
    /// Only the send is awaited on the common path: everything else (decoding, retry
    /// decisions, error building) runs in synchronous helpers, and the rare awaited steps
    /// (re-preparing, keyspace switches, schema agreement) are separate functions. That keeps
    /// this function's async frame, which lives as long as the request and exists once per
    /// request in flight, small: with hundreds of requests in flight the frames must stay in
    /// the CPU caches. Inlined into ``perform(_:)``, so that a request has one frame for both
    /// and its plan and request are not copied from one to the other.
    @inline(__always)
    nonisolated(nonsending) func performAlong(_ plan: consuming QueryPlan.Iterator, _ request: Request, startingAt start: MonotonicInstant? = nil) async throws -> ResultSet {
        var attempts = Attempts(plan: plan, consistency: request.routing.consistency)
        while let connection = nextConnection(&attempts) {
            if connection.keyspaceGeneration.load(ordering: .relaxed) != keyspaceGeneration.load(ordering: .relaxed) {
                try await catchUpKeyspace(of: connection)
            }
            // The request's own start serves as its first attempt's: one clock read less.
            let started = attempts.attempt == 1 ? start ?? .now : .now
            let received: Result<Frame, CassandraError>
            do {
                received = .success(try await connection.send(Self.encode(request, consistency: attempts.consistency, for: connection),
                                                              deadline: started + request.timeout))
            } catch let error as CassandraError {
                received = .failure(error)
            }
            let step = try interpret(received, of: request, from: connection, attempts: &attempts, started: started)
            switch step {
            case .done(let result):
                return result
            case .finish(let result, let frame):
                return try await finish(result, frame: frame, request: request, node: connection.node)
            case .reprepare(let prepared):
                _ = try await prepare(prepared.cql, keyspace: prepared.keyspace, on: connection)
            case .retry:
                break
            }
        }
        throw attempts.exhaustedError(statement: request.statement)
    }

    /// Leases a connection to the plan's current node, skipping nodes without one.
    @inline(never)
    private func nextConnection(_ attempts: inout Attempts) -> Connection? {
        while let node = attempts.current {
            if let connection = pool(for: node.id)?.lease() {
                attempts.attempt += 1
                if attempts.attempt > 1 { metrics.retries.increment() }
                return connection
            }
            let nodeName = node.endpoint.description
            attempts.nodeErrors.append(.init(node: nodeName, error: CassandraError(.connectionClosed, "no open connection to this node",
                                                                                   node: nodeName)))
            attempts.current = attempts.plan.next()
        }
        return nil
    }

    /// Decodes a response, or takes the attempt's failure, and decides what comes next.
    @inline(never)
    private func interpret(_ received: Result<Frame, CassandraError>, of request: Request, from connection: Connection,
                           attempts: inout Attempts, started: MonotonicInstant) throws -> AttemptStep {
        let frame: Frame
        let response: ResponseMessage
        do {
            frame = try received.get()
            response = try Self.decodeResponse(frame, node: connection.node, statement: request.statement)
        } catch let error as CassandraError {
            return try failed(error.adding(node: connection.node, statement: request.statement), request: request,
                              node: connection.node, attempts: &attempts, started: started)
        }
        let failure: CassandraError
        switch response {
        case .result(let result):
            report(request, node: connection.node, attempt: attempts.attempt, since: started, outcome: .success)
            switch result {
            case .setKeyspace, .schemaChange:
                return .finish(result, frame)
            case .void, .rows, .prepared:
                return .done(ResultSet(result: result, frame: frame, node: connection.node, columnsOverride: request.resultColumns))
            }
        case .error(let serverError) where serverError.code == .unprepared && !attempts.reprepared:
            failure = .server(serverError, node: connection.node, statement: request.statement)
            if let prepared = request.prepared ?? unpreparedStatement(serverError) {
                attempts.reprepared = true
                report(request, node: connection.node, attempt: attempts.attempt, since: started, outcome: .failure(failure))
                return .reprepare(prepared)
            }
        case .error(let serverError):
            failure = .server(serverError, node: connection.node, statement: request.statement)
        case let other:
            failure = CassandraError(.protocolViolation, "unexpected \(other.opcode) in answer to a request",
                                     node: connection.node, statement: request.statement)
        }
        return try failed(failure, request: request, node: connection.node, attempts: &attempts, started: started)
    }

    /// Reports a failed attempt and applies the retry policy: moves `attempts` on, or throws.
    @inline(never)
    private func failed(_ failure: CassandraError, request: Request, node: String, attempts: inout Attempts,
                        started: MonotonicInstant) throws -> AttemptStep {
        report(request, node: node, attempt: attempts.attempt, since: started, outcome: .failure(failure))
        guard let retryFailure = failure.retryFailure else { throw failure }
        let decision = configuration.retryPolicy.decide(RetryContext(
            failure: retryFailure, isIdempotent: request.routing.isIdempotent, consistency: attempts.consistency,
            retryCount: attempts.retryCount))
        switch decision {
        case .retrySameNode(let consistency):
            attempts.consistency = consistency
            attempts.retryCount += 1
        case .retryNextNode(let consistency):
            attempts.consistency = consistency
            attempts.retryCount += 1
            attempts.nodeErrors.append(.init(node: node, error: failure))
            attempts.current = attempts.plan.next()
        case .rethrow:
            throw failure
        case .ignore:
            return .done(ResultSet.empty)
        }
        return .retry
    }

    /// The cached statement the server reports as unprepared (for batches and simple
    /// statements that were prepared transparently).
    private func unpreparedStatement(_ error: ServerError) -> PreparedStatement? {
        guard case .unprepared(let id) = error.details else { return nil }
        return preparedCache.statement(withID: id)
    }

    /// Post-processing of a successful result that changes the session: keyspace switches apply
    /// to every connection, DDL waits for schema agreement.
    @inline(never)
    private func finish(_ result: ResponseMessage.Result, frame: Frame, request: Request, node: String) async throws -> ResultSet {
        switch result {
        case .setKeyspace(let keyspace):
            if keyspace != self.keyspace { try await use(keyspace: keyspace) }
        case .schemaChange:
            _ = try? await waitForSchemaAgreement()
        case .void, .rows, .prepared:
            break
        }
        return ResultSet(result: result, frame: frame, node: node, columnsOverride: request.resultColumns)
    }

    /// Encodes `message` in the caller's task and sends it on `connection`.
    func send(_ message: RequestMessage, on connection: Connection, timeout: Duration, tracing: Bool,
              customPayload: [String: [UInt8]]?, statement: String) async throws -> Frame {
        try await send(message, on: connection, deadline: MonotonicInstant.now + timeout, tracing: tracing, customPayload: customPayload,
                       statement: statement)
    }

    /// Encodes `message` in the caller's task and sends it on `connection`, giving up at
    /// `deadline` (the attempt's start plus its timeout, so that the clock is read once).
    func send(_ message: RequestMessage, on connection: Connection, deadline: MonotonicInstant, tracing: Bool,
              customPayload: [String: [UInt8]]?, statement: String) async throws -> Frame {
        let frame = try Self.encode(message, for: connection, tracing: tracing, customPayload: customPayload, statement: statement)
        return try await connection.send(frame, deadline: deadline)
    }

    /// Encodes one attempt of `request` at `consistency` for `connection`.
    @inline(never)
    static func encode(_ request: Request, consistency: Consistency, for connection: Connection) throws -> [UInt8] {
        try encode(request.message(consistency: consistency), for: connection, tracing: request.tracing,
                   customPayload: request.customPayload, statement: request.statement)
    }

    /// Encodes a request frame with stream id 0 (the connection patches in the real one).
    static func encode(_ message: RequestMessage, for connection: Connection, tracing: Bool, customPayload: [String: [UInt8]]?,
                       statement: String) throws -> [UInt8] {
        var buffer = CQLBuffer(capacity: 256)
        do {
            try connection.frameEncoder.encode(message, stream: 0, tracing: tracing, customPayload: customPayload, into: &buffer)
        } catch {
            throw CassandraError(.invalidArgument, "could not encode the request: \(error.message)", statement: statement,
                                 underlying: error)
        }
        return (consume buffer).bytes
    }

    /// Decodes a response frame in the caller's task.
    static func decodeResponse(_ frame: Frame, node: String, statement: String) throws -> ResponseMessage {
        do {
            return try frame.decodeResponse(allowTrailingBytes: true)
        } catch {
            throw CassandraError(.protocolViolation, "undecodable response: \(error.message)", node: node, statement: statement,
                                 underlying: error)
        }
    }

    /// A STATUS_CHANGE UP for `address`: the node's pool reconnects now instead of after its backoff.
    func nodeReportedUp(at address: CQLInetAddress) {
        let pools = state.withLock { $0.pools.values.filter { $0.node.endpoint.address == address } }
        for pool in pools { pool.nodeReportedUp() }
    }

    func pool(for id: UUID) -> ConnectionPool? {
        state.withLock { $0.pools[id] }
    }

    private func report(_ request: Request, node: String, attempt: Int, since start: MonotonicInstant,
                        outcome: RequestAttempt.Outcome) {
        guard !configuration.requestObservers.isEmpty else { return }
        let report = RequestAttempt(statement: request.statement, node: node, attempt: attempt,
                                    latency: MonotonicInstant.now - start, outcome: outcome)
        for observer in configuration.requestObservers { observer.attemptFinished(report) }
    }

}
