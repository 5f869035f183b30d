import CQLProtocol

extension Session {
    /// Executes a CQL statement and returns its first page (no further paging: see
    /// ``rows(_:_:options:)`` for that).
    ///
    /// ```swift
    /// let result = try await session.execute("SELECT name FROM users WHERE id = ?", id)
    /// ```
    /// - Parameters:
    ///   - cql: the CQL text with `?` markers.
    ///   - values: one value per marker.
    ///   - options: per-statement options.
    /// - Returns: the first page of the result.
    /// - Throws: ``CassandraError``.
    @discardableResult
    nonisolated(nonsending) public func execute(_ cql: String, _ values: any CQLEncodable & Sendable..., options: Statement.Options = .init()) async throws -> ResultSet {
        try await execute(Statement(cql, values: .positional(values), options: options))
    }

    /// Executes a statement and returns its first page.
    /// - Parameter statement: the statement.
    /// - Returns: the first page of the result.
    /// - Throws: ``CassandraError``.
    @discardableResult
    nonisolated(nonsending) public func execute(_ statement: Statement) async throws -> ResultSet {
        let options = statement.options
        switch statement.values {
        case .positional(let values):
            if values.isEmpty {
                return try await perform(request(.query(statement.cql, parameters(options, values: nil)), statement: statement.cql,
                                                 options: options, routing: routing(options, keyspace: nil, token: nil)))
            }
            if let raw = try StatementBinding.naturalRawValues(values, statement: statement.cql) {
                return try await perform(request(.query(statement.cql, parameters(options, values: .positional(raw))),
                                                 statement: statement.cql, options: options,
                                                 routing: routing(options, keyspace: nil, token: nil)))
            }
            let prepared = try await prepare(statement.cql)
            var bound = try prepared.bind(values: values)
            bound.options = options
            return try await perform(request(executing: bound))
        case .named(let values):
            if let raw = try StatementBinding.naturalRawValues(values.map(\.1), statement: statement.cql) {
                let named = zip(values, raw).map { RequestMessage.BoundValues.NamedValue(name: $0.0.0, value: $0.1) }
                return try await perform(request(.query(statement.cql, parameters(options, values: .named(named))),
                                                 statement: statement.cql, options: options,
                                                 routing: routing(options, keyspace: nil, token: nil)))
            }
            let prepared = try await prepare(statement.cql)
            var bound = BoundStatement(prepared: prepared, serializedValues: try StatementBinding.serialize(
                named: values, for: prepared.variables, statement: statement.cql))
            bound.options = options
            return try await perform(request(executing: bound))
        }
    }

    /// Executes a prepared statement with positional values and returns its first page.
    /// - Parameters:
    ///   - prepared: the statement from ``prepare(_:)``.
    ///   - values: one value per marker, type-checked against the markers.
    ///   - options: per-execution options.
    /// - Returns: the first page of the result.
    /// - Throws: ``CassandraError``.
    @discardableResult
    nonisolated(nonsending) public func execute(_ prepared: PreparedStatement, _ values: any CQLEncodable & Sendable...,
                        options: Statement.Options = .init()) async throws -> ResultSet {
        var bound = try prepared.bind(values: values)
        bound.options = options
        // Straight to `perform`, not through `execute(_:)`: one async frame less per request.
        return try await perform(request(executing: bound))
    }

    /// Executes a bound prepared statement and returns its first page. Token-aware: the
    /// request goes to a replica of its partition first.
    /// - Parameter bound: the statement and its values.
    /// - Returns: the first page of the result.
    /// - Throws: ``CassandraError``.
    @discardableResult
    nonisolated(nonsending) public func execute(_ bound: BoundStatement) async throws -> ResultSet {
        try await perform(request(executing: bound))
    }

    /// The request that executes `bound`; skips result metadata when the prepared statement
    /// has it already.
    func request(executing bound: BoundStatement) -> Request {
        let prepared = bound.prepared
        let columns = prepared.resultMetadata.columns
        let skipMetadata = !(columns?.isEmpty ?? true)
        let parameters = parameters(bound.options, values: .serialized(bound.serializedValues), skipMetadata: skipMetadata)
        return request(.execute(prepared, parameters), statement: prepared.cql, options: bound.options,
                       routing: routing(bound.options, keyspace: prepared.routingKeyspace, token: bound.token),
                       resultColumns: skipMetadata ? columns : nil)
    }

    /// All rows of a statement, fetching pages lazily as the sequence is consumed.
    /// - Parameters:
    ///   - cql: the CQL text with `?` markers.
    ///   - values: one value per marker.
    ///   - options: per-statement options; ``Statement/Options/pageSize`` sets the page size.
    /// - Returns: the rows; iterate with `for try await`.
    public func rows(_ cql: String, _ values: any CQLEncodable & Sendable..., options: Statement.Options = .init()) -> RowSequence {
        rows(Statement(cql, values: .positional(values), options: options))
    }

    /// All rows of a statement, fetching pages lazily.
    /// - Parameter statement: the statement; its paging state, if any, is where paging starts.
    /// - Returns: the rows.
    public func rows(_ statement: Statement) -> RowSequence {
        RowSequence { [self] pagingState in
            var page = statement
            if let pagingState { page.options.pagingState = pagingState }
            return try await execute(page)
        }
    }

    /// All rows of a bound prepared statement, fetching pages lazily.
    /// - Parameter bound: the statement and its values.
    /// - Returns: the rows.
    public func rows(_ bound: BoundStatement) -> RowSequence {
        RowSequence { [self] pagingState in
            var page = bound
            if let pagingState { page.options.pagingState = pagingState }
            return try await execute(page)
        }
    }

    /// Prepares a statement (once per keyspace and text: later calls hit the session's cache).
    /// - Parameter cql: the CQL text with `?` or `:name` markers.
    /// - Returns: the prepared statement.
    /// - Throws: ``CassandraError``, e.g. ``CassandraError/Code/server`` for a syntax error.
    public func prepare(_ cql: String) async throws -> PreparedStatement {
        let keyspace = self.keyspace
        let key = PreparedStatementCache.Key(keyspace: keyspace, cql: cql)
        if let cached = preparedCache.statement(for: key) { return cached }
        let result = try await perform(Request(
            kind: .prepare(cql), statement: cql, routing: RoutingInfo(keyspace: keyspace, isIdempotent: true,
                                                                      consistency: configuration.consistency),
            timeout: configuration.requestTimeout, tracing: false, customPayload: nil, resultColumns: nil))
        guard let prepared = result.prepared else {
            throw CassandraError(.protocolViolation, "the server answered PREPARE without a prepared result", statement: cql)
        }
        let statement = PreparedStatement(cql: cql, keyspace: keyspace, prepared: prepared)
        preparedCache.store(statement, for: key)
        return statement
    }

    /// Prepares `cql` on one connection (re-preparing after UNPREPARED).
    func prepare(_ cql: String, keyspace: String?, on connection: Connection) async throws -> PreparedStatement {
        let frame = try await send(.prepare(.init(query: cql)), on: connection, timeout: configuration.requestTimeout,
                                   tracing: false, customPayload: nil, statement: cql)
        switch try Self.decodeResponse(frame, node: connection.node, statement: cql) {
        case .result(.prepared(let prepared)):
            return PreparedStatement(cql: cql, keyspace: keyspace, prepared: prepared)
        case .error(let error):
            throw CassandraError.server(error, node: connection.node, statement: cql)
        case let other:
            throw CassandraError(.protocolViolation, "unexpected \(other.opcode) in answer to PREPARE", node: connection.node,
                                 statement: cql)
        }
    }

    /// Executes a batch of modifications.
    /// - Parameter batch: the statements and options.
    /// - Returns: the result (rows only for conditional batches, with ``ResultSet/wasApplied``).
    /// - Throws: ``CassandraError``.
    @discardableResult
    public func batch(_ batch: BatchStatement) async throws -> ResultSet {
        var statements: [RequestMessage.Batch.Statement] = []
        var token: Int64?
        var keyspace: String?
        for entry in batch.entries {
            switch entry {
            case .simple(let statement):
                guard case .positional(let values) = statement.values else {
                    throw CassandraError(.invalidArgument, "batches take positional values only (the protocol has no names there)",
                                         statement: statement.cql)
                }
                if let raw = try StatementBinding.naturalRawValues(values, statement: statement.cql) {
                    statements.append(.init(.query(statement.cql), values: .positional(raw)))
                } else {
                    let prepared = try await prepare(statement.cql)
                    let bound = try prepared.bind(values: values)
                    statements.append(.init(.prepared(id: prepared.id), values: .serialized(bound.serializedValues)))
                }
            case .bound(let bound):
                statements.append(.init(.prepared(id: bound.prepared.id), values: .serialized(bound.serializedValues)))
                token = token ?? bound.token
                keyspace = keyspace ?? bound.prepared.routingKeyspace
            }
        }
        let options = batch.options
        let message = RequestMessage.Batch(
            type: batch.type, statements: statements, consistency: options.consistency ?? configuration.consistency,
            serialConsistency: options.serialConsistency, defaultTimestamp: options.timestamp)
        return try await perform(request(.batch(message), statement: "BATCH", options: options,
                                         routing: routing(options, keyspace: keyspace, token: token)))
    }
}

extension ResultSet {
    /// The PREPARED result, when this is the answer to PREPARE.
    var prepared: ResponseMessage.Result.Prepared? { preparedResult }
}
