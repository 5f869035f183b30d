import CQLProtocol

/// The one error type of ``CassandraDriver``: a code to switch on plus context.
///
/// ```swift
/// do {
///     try await session.execute("SELECT * FROM users WHERE id = ?", id)
/// } catch let error as CassandraError where error.code == .requestTimeout {
///     // retry later
/// }
/// ```
///
/// ``description`` is deliberately generic so that logging an error never leaks data; the
/// full context (message, node, statement text, server error) is in ``debugDescription``
/// (`String(reflecting: error)`). Bound values never appear in either.
public struct CassandraError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong; extensible, so new codes do not break `switch`-free callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case connectionClosed, connectTimeout, connectFailed, requestTimeout, noNodeAvailable
            case server, protocolViolation, authentication, unprepared, invalidArgument
            case typeMismatch, shutdown, cancelled, unsupportedProtocolVersion, schemaAgreementTimeout
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The connection closed (peer, network or locally) before the request completed; it
        /// may or may not have been applied.
        public static let connectionClosed = Code(.connectionClosed)
        /// Opening a connection (TCP plus handshake) took longer than the connect timeout.
        public static let connectTimeout = Code(.connectTimeout)
        /// A connection could not be opened (refused, unreachable, unknown host).
        public static let connectFailed = Code(.connectFailed)
        /// No response arrived within the request timeout; the request may have been applied.
        public static let requestTimeout = Code(.requestTimeout)
        /// Every node of the query plan failed or none was available; see ``CassandraError/nodeErrors``.
        public static let noNodeAvailable = Code(.noNodeAvailable)
        /// The server answered with an ERROR; see ``CassandraError/serverError``.
        public static let server = Code(.server)
        /// The peer broke the protocol (malformed frame, unknown stream, unexpected message).
        public static let protocolViolation = Code(.protocolViolation)
        /// Authentication failed or was required without configured credentials.
        public static let authentication = Code(.authentication)
        /// The server no longer knows a prepared statement and re-preparing did not help.
        public static let unprepared = Code(.unprepared)
        /// The caller passed something unusable (bad contact point, wrong value count, unknown name).
        public static let invalidArgument = Code(.invalidArgument)
        /// A value's Swift type does not match its column type.
        public static let typeMismatch = Code(.typeMismatch)
        /// The session or connection has been shut down.
        public static let shutdown = Code(.shutdown)
        /// The calling task was cancelled.
        public static let cancelled = Code(.cancelled)
        /// The server speaks none of the protocol versions the driver supports (v3, v4).
        public static let unsupportedProtocolVersion = Code(.unsupportedProtocolVersion)
        /// Nodes did not agree on one schema version within the configured time.
        public static let schemaAgreementTimeout = Code(.schemaAgreementTimeout)

        /// The code's name, e.g. `requestTimeout`.
        public var description: String { base.rawValue }
    }

    /// The fields, behind one reference: a `CassandraError` is a single word, so results,
    /// `Result<_, CassandraError>` values and the async frames that hold them stay small on the
    /// request path, where errors are rare (postgres-nio's `PSQLError` does the same).
    /// Copy-on-write keeps value semantics; `@unchecked Sendable` holds because a storage is
    /// only mutated through ``uniqueStorage``, when no other error shares it.
    private final class Storage: @unchecked Sendable {
        var code: Code
        var message: String
        var node: String?
        var statement: String?
        var serverError: ServerError?
        var nodeErrors: [NodeError]
        var underlying: (any Error & Sendable)?

        init(code: Code, message: String, node: String?, statement: String?, serverError: ServerError?,
             nodeErrors: [NodeError], underlying: (any Error & Sendable)?) {
            self.code = code
            self.message = message
            self.node = node
            self.statement = statement
            self.serverError = serverError
            self.nodeErrors = nodeErrors
            self.underlying = underlying
        }

        func copy() -> Storage {
            Storage(code: code, message: message, node: node, statement: statement, serverError: serverError,
                    nodeErrors: nodeErrors, underlying: underlying)
        }
    }

    private var storage: Storage

    /// The storage, copied first if another error shares it.
    private var uniqueStorage: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            return storage
        }
    }

    /// What went wrong.
    public var code: Code {
        get { storage.code }
        set { uniqueStorage.code = newValue }
    }
    /// A human-readable explanation that says what to do; never contains bound values.
    public var message: String {
        get { storage.message }
        set { uniqueStorage.message = newValue }
    }
    /// The node involved, as `address:port`, when one was.
    public var node: String? {
        get { storage.node }
        set { uniqueStorage.node = newValue }
    }
    /// The CQL text of the statement involved, when one was (never its values).
    public var statement: String? {
        get { storage.statement }
        set { uniqueStorage.statement = newValue }
    }
    /// The server's ERROR when ``code`` is ``Code/server`` (or ``Code/authentication`` and
    /// ``Code/unprepared`` when the server reported them).
    public var serverError: ServerError? {
        get { storage.serverError }
        set { uniqueStorage.serverError = newValue }
    }
    /// For ``Code/noNodeAvailable``: the error of each node tried, in order.
    public var nodeErrors: [NodeError] {
        get { storage.nodeErrors }
        set { uniqueStorage.nodeErrors = newValue }
    }
    /// The lower-level error that caused this one, if any.
    public var underlying: (any Error & Sendable)? {
        get { storage.underlying }
        set { uniqueStorage.underlying = newValue }
    }

    /// One node's failure inside a ``Code/noNodeAvailable`` error.
    public struct NodeError: Sendable, Equatable {
        /// The node, as `address:port`.
        public var node: String
        /// Why it failed.
        public var error: CassandraError

        /// Creates an entry.
        /// - Parameters:
        ///   - node: the node, as `address:port`.
        ///   - error: its failure.
        public init(node: String, error: CassandraError) {
            self.node = node
            self.error = error
        }
    }

    /// Creates an error.
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - message: an explanation that names the fix; no bound values.
    ///   - node: the node involved, as `address:port`.
    ///   - statement: the CQL text involved.
    ///   - serverError: the server's ERROR, if any.
    ///   - nodeErrors: per-node failures for ``Code/noNodeAvailable``.
    ///   - underlying: the lower-level cause.
    public init(
        _ code: Code, _ message: String, node: String? = nil, statement: String? = nil,
        serverError: ServerError? = nil, nodeErrors: [NodeError] = [], underlying: (any Error & Sendable)? = nil
    ) {
        storage = Storage(code: code, message: message, node: node, statement: statement, serverError: serverError,
                          nodeErrors: nodeErrors, underlying: underlying)
    }

    /// Generic, to prevent accidental leakage of data into logs: only the code. Use
    /// `String(reflecting: error)` for the details.
    public var description: String { "CassandraError(code: \(code))" }

    /// Every field except ``underlying``'s internals: code, message, node, statement text,
    /// server error and per-node errors.
    public var debugDescription: String {
        var parts = ["code: \(code)", "message: \(message)"]
        if let node { parts.append("node: \(node)") }
        if let statement { parts.append("statement: \(statement)") }
        if let serverError { parts.append("serverError: \(serverError)") }
        if !nodeErrors.isEmpty {
            parts.append("nodeErrors: [" + nodeErrors.map { "\($0.node): \(String(reflecting: $0.error))" }.joined(separator: ", ") + "]")
        }
        if let underlying { parts.append("underlying: \(String(reflecting: underlying))") }
        return "CassandraError(" + parts.joined(separator: ", ") + ")"
    }

    /// Compares everything but ``underlying``, which is not `Equatable`.
    public static func == (lhs: CassandraError, rhs: CassandraError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.node == rhs.node
            && lhs.statement == rhs.statement && lhs.serverError == rhs.serverError && lhs.nodeErrors == rhs.nodeErrors
    }
}

extension CassandraError {
    /// A copy with ``node`` and ``statement`` filled in where they are still empty.
    func adding(node: String?, statement: String?) -> CassandraError {
        var copy = self
        if copy.node == nil { copy.node = node }
        if copy.statement == nil { copy.statement = statement }
        return copy
    }

    /// Wraps a server ERROR, mapping authentication and unprepared errors to their own codes.
    static func server(_ error: ServerError, node: String? = nil, statement: String? = nil) -> CassandraError {
        let code: Code
        switch error.code {
        case .authenticationError: code = .authentication
        case .unprepared: code = .unprepared
        default: code = .server
        }
        return CassandraError(code, "the server answered \(error.code): \(error.message)", node: node,
                              statement: statement, serverError: error)
    }
}
