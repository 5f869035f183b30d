import CQLProtocol

/// A CQL statement with its bound values and options, for ``Session/execute(_:)``.
///
/// Values are bound, never interpolated: write `?` (or `:name`) markers in the text.
///
/// ```swift
/// var statement = Statement("SELECT * FROM users WHERE id = ?", userID)
/// statement.options.consistency = .localQuorum
/// let result = try await session.execute(statement)
/// ```
///
/// Without prepared metadata the driver serializes each value as its natural CQL type
/// (`Int32` as `int`, `Int` as `bigint`, `String` as `text`, `Date` as `timestamp`, `[UInt8]`
/// as `blob`, …). When a value has no natural type (collections, ``CQLValue``), the statement
/// is prepared transparently (and cached) so that the server supplies the types.
public struct Statement: Sendable {
    /// The CQL text, with `?` or `:name` bind markers.
    public var cql: String
    /// The bound values.
    public var values: Values
    /// Per-statement options; unset options take the session's defaults.
    public var options: Options

    /// Bound values, by position or by name.
    public enum Values: Sendable {
        /// Values for `?` markers, in order.
        case positional([any CQLEncodable & Sendable])
        /// Values for `:name` markers.
        case named([(String, any CQLEncodable & Sendable)])

        /// The number of values.
        public var count: Int {
            switch self {
            case .positional(let values): values.count
            case .named(let values): values.count
            }
        }
    }

    /// Creates a statement with positional values.
    /// - Parameters:
    ///   - cql: the CQL text with `?` markers.
    ///   - values: one value per marker, in order.
    ///   - options: options; session defaults when unset.
    public init(_ cql: String, _ values: any CQLEncodable & Sendable..., options: Options = Options()) {
        self.init(cql, values: .positional(values), options: options)
    }

    /// Creates a statement with explicit values.
    /// - Parameters:
    ///   - cql: the CQL text.
    ///   - values: positional or named values.
    ///   - options: options; session defaults when unset.
    public init(_ cql: String, values: Values, options: Options = Options()) {
        self.cql = cql
        self.values = values
        self.options = options
    }
}

extension Statement {
    /// Per-statement options. Every `nil` option takes the session configuration's value.
    public struct Options: Sendable {
        /// The consistency level.
        public var consistency: Consistency?
        /// The serial consistency for conditional (`IF`) statements.
        public var serialConsistency: Consistency?
        /// Rows per page.
        public var pageSize: Int32?
        /// Where to resume: ``ResultSet/pagingState`` of the previous page.
        public var pagingState: [UInt8]?
        /// The write timestamp, in microseconds since the epoch.
        public var timestamp: Int64?
        /// How long to wait for the response.
        public var timeout: Duration?
        /// Whether running the statement twice has the same effect as once; only idempotent
        /// statements are retried after a possible write, or executed speculatively.
        public var isIdempotent: Bool
        /// Asks the coordinator to trace the request; the trace id is in ``ResultSet/tracingID``.
        public var tracing: Bool
        /// The keyspace for routing, when the statement does not run in the session's keyspace.
        public var keyspace: String?
        /// A custom payload for the server's query handler.
        public var customPayload: [String: [UInt8]]?

        /// Creates options.
        /// - Parameters:
        ///   - consistency: the consistency level.
        ///   - serialConsistency: the serial consistency.
        ///   - pageSize: rows per page.
        ///   - pagingState: where to resume.
        ///   - timestamp: the write timestamp in microseconds.
        ///   - timeout: the request timeout.
        ///   - isIdempotent: whether the statement may safely run more than once.
        ///   - tracing: whether to trace the request.
        ///   - keyspace: the keyspace for routing.
        ///   - customPayload: a custom payload.
        public init(
            consistency: Consistency? = nil, serialConsistency: Consistency? = nil, pageSize: Int32? = nil,
            pagingState: [UInt8]? = nil, timestamp: Int64? = nil, timeout: Duration? = nil,
            isIdempotent: Bool = false, tracing: Bool = false, keyspace: String? = nil,
            customPayload: [String: [UInt8]]? = nil
        ) {
            self.consistency = consistency
            self.serialConsistency = serialConsistency
            self.pageSize = pageSize
            self.pagingState = pagingState
            self.timestamp = timestamp
            self.timeout = timeout
            self.isIdempotent = isIdempotent
            self.tracing = tracing
            self.keyspace = keyspace
            self.customPayload = customPayload
        }
    }
}
