import CQLProtocol

extension Session {
    /// One request as the execution loop sees it: what to send (rebuilt per attempt, since a
    /// retry may change the consistency), where it routes, and its options resolved against
    /// the session defaults.
    struct Request: Sendable {
        enum Kind: Sendable {
            case query(String, RequestMessage.QueryParameters)
            case execute(PreparedStatement, RequestMessage.QueryParameters)
            case batch(RequestMessage.Batch)
            case prepare(String)
        }

        var kind: Kind
        /// The CQL text for errors and observers (`BATCH` for batches).
        var statement: String
        var routing: RoutingInfo
        var timeout: Duration
        var tracing: Bool
        var customPayload: [String: [UInt8]]?
        /// Columns of the result when the request skips result metadata.
        var resultColumns: [ResultMetadata.ColumnSpec]?

        /// The message for one attempt at `consistency`.
        func message(consistency: Consistency) -> RequestMessage {
            switch kind {
            case .query(let text, var parameters):
                parameters.consistency = consistency
                return .query(.init(query: text, parameters: parameters))
            case .execute(let prepared, var parameters):
                parameters.consistency = consistency
                return .execute(.init(id: prepared.id, parameters: parameters))
            case .batch(var batch):
                batch.consistency = consistency
                return .batch(batch)
            case .prepare(let text):
                return .prepare(.init(query: text))
            }
        }

        /// The prepared statement, for re-preparing after UNPREPARED.
        var prepared: PreparedStatement? {
            if case .execute(let prepared, _) = kind { return prepared }
            return nil
        }
    }

    /// Query parameters from statement options and session defaults.
    func parameters(_ options: Statement.Options, values: RequestMessage.BoundValues?, skipMetadata: Bool = false) -> RequestMessage.QueryParameters {
        RequestMessage.QueryParameters(
            consistency: options.consistency ?? configuration.consistency,
            values: values,
            skipMetadata: skipMetadata,
            pageSize: options.pageSize ?? configuration.pageSize,
            pagingState: options.pagingState,
            serialConsistency: options.serialConsistency ?? (configuration.serialConsistency == .serial ? nil : configuration.serialConsistency),
            defaultTimestamp: options.timestamp)
    }

    /// Routing information from options, an optional token and the session keyspace.
    func routing(_ options: Statement.Options, keyspace: String?, token: Int64?) -> RoutingInfo {
        RoutingInfo(keyspace: options.keyspace ?? keyspace ?? self.keyspace, token: token,
                    isIdempotent: options.isIdempotent, consistency: options.consistency ?? configuration.consistency)
    }

    /// A request built from statement options.
    func request(_ kind: Request.Kind, statement: String, options: Statement.Options, routing: RoutingInfo,
                 resultColumns: [ResultMetadata.ColumnSpec]? = nil) -> Request {
        Request(kind: kind, statement: statement, routing: routing, timeout: options.timeout ?? configuration.requestTimeout,
                tracing: options.tracing, customPayload: options.customPayload, resultColumns: resultColumns)
    }
}
