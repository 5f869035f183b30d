import CQLProtocol
import Logging
import UVLoop

extension Session {
    /// Everything a ``Session`` needs to know: where the cluster is, how to talk to it, and
    /// the defaults for statements.
    ///
    /// ```swift
    /// var configuration = Session.Configuration(contactPoints: ["10.0.0.1", "10.0.0.2:9043"],
    ///                                           localDatacenter: "dc1")
    /// configuration.keyspace = "shop"
    /// configuration.credentials = .init(username: "app", password: secret)
    /// configuration.logger = logger
    /// let session = try await Session.connect(configuration: configuration)
    /// ```
    public struct Configuration: Sendable {
        /// A username and password for SASL PLAIN (Cassandra's `PasswordAuthenticator`).
        public struct Credentials: Sendable, Hashable {
            /// The role name.
            public var username: String
            /// The password.
            public var password: String

            /// Creates credentials.
            /// - Parameters:
            ///   - username: the role name.
            ///   - password: the password.
            public init(username: String, password: String) {
                self.username = username
                self.password = password
            }

            /// The SASL PLAIN initial response: `\0username\0password` in UTF-8.
            var plainToken: [UInt8] {
                [0] + Array(username.utf8) + [0] + Array(password.utf8)
            }
        }

        /// The nodes to contact first: `"host"` or `"host:port"` (`"[::1]:9042"` for IPv6 with
        /// a port). The rest of the cluster is discovered from them.
        public var contactPoints: [String]
        /// The port for contact points that give none, and for discovered nodes.
        public var defaultPort = 9042
        /// The datacenter whose nodes are preferred; `nil` takes the first contact point's.
        public var localDatacenter: String?
        /// The keyspace every connection switches to (`USE`), if any.
        public var keyspace: String?
        /// Credentials, when the cluster requires authentication.
        public var credentials: Credentials?
        /// Whether to compress frames with LZ4 when the server offers it.
        public var compression = false
        /// Connections per node in the local datacenter.
        public var connectionsPerNode = 1
        /// Connections per node in remote datacenters.
        public var connectionsPerRemoteNode = 1
        /// Requests one connection carries at once (stream ids), `1...32768`. Requests beyond
        /// this wait for a free id.
        public var maxRequestsPerConnection = 1024
        /// How long a request may take before it fails with ``CassandraError/Code/requestTimeout``;
        /// statements may override it.
        public var requestTimeout: Duration = .seconds(12)
        /// How long opening a connection (TCP and handshake) may take.
        public var connectTimeout: Duration = .seconds(5)
        /// Idle time after which a connection sends a heartbeat; `nil` for none.
        public var heartbeatInterval: Duration? = .seconds(30)
        /// The consistency of statements that set none.
        public var consistency: Consistency = .localOne
        /// The serial consistency of conditional statements that set none.
        public var serialConsistency: Consistency = .serial
        /// Rows per page for statements that set no page size.
        public var pageSize: Int32 = 5000
        /// Chooses the nodes of each request; `nil` builds a token-aware, DC-aware policy for
        /// ``localDatacenter``.
        public var loadBalancingPolicy: (any LoadBalancingPolicy)?
        /// Decides on retries after failures.
        public var retryPolicy: any RetryPolicy = DefaultRetryPolicy()
        /// Delays between reconnection attempts to a node.
        public var reconnectionPolicy: any ReconnectionPolicy = ExponentialReconnectionPolicy()
        /// Starts extra executions of slow idempotent statements; none by default.
        public var speculativeExecutionPolicy: any SpeculativeExecutionPolicy = NoSpeculativeExecution()
        /// How long ``Session/waitForSchemaAgreement()`` waits after DDL.
        public var schemaAgreementTimeout: Duration = .seconds(10)
        /// Event loops (threads) for all connections. One is plenty for most applications.
        public var eventLoopCount = 1
        /// Event loops owned by the application, shared instead of creating
        /// ``eventLoopCount`` new ones; the session then leaves them running on ``Session/close()``.
        ///
        /// Sharing lets request-heavy tasks run on the connections' own loop thread
        /// (`withTaskExecutorPreference(loop)`), which removes the thread hop per response.
        public var eventLoopGroup: EventLoopGroup?
        /// Receives the driver's log messages; discards them by default.
        public var logger: Logger = .cassandraNoOp
        /// Receives one report per request attempt.
        public var requestObservers: [any RequestObserver] = []
        /// Dimensions added to every metric (for example `[("session", "orders")]`).
        public var metricDimensions: [(String, String)] = []

        /// Creates a configuration with defaults for everything but the contact points.
        /// - Parameters:
        ///   - contactPoints: `"host"` or `"host:port"` entries.
        ///   - localDatacenter: the preferred datacenter.
        public init(contactPoints: [String], localDatacenter: String? = nil) {
            self.contactPoints = contactPoints
            self.localDatacenter = localDatacenter
        }

        /// Splits a contact point into host and port.
        /// - Throws: ``CassandraError/Code/invalidArgument`` for an empty host or a bad port.
        static func parse(contactPoint: String, defaultPort: Int) throws -> (host: String, port: Int) {
            let text = String(contactPoint.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
            var host = text
            var port = defaultPort
            if text.hasPrefix("[") {
                guard let close = text.firstIndex(of: "]") else { throw invalid(contactPoint) }
                host = String(text[text.index(after: text.startIndex)..<close])
                let rest = text[text.index(after: close)...]
                if rest.hasPrefix(":") {
                    guard let parsed = Int(rest.dropFirst()), (1...65535).contains(parsed) else { throw invalid(contactPoint) }
                    port = parsed
                } else if !rest.isEmpty {
                    throw invalid(contactPoint)
                }
            } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
                host = String(text[..<colon])
                guard let parsed = Int(text[text.index(after: colon)...]), (1...65535).contains(parsed) else {
                    throw invalid(contactPoint)
                }
                port = parsed
            }
            guard !host.isEmpty else { throw invalid(contactPoint) }
            return (host, port)
        }

        private static func invalid(_ contactPoint: String) -> CassandraError {
            CassandraError(.invalidArgument, "contact point '\(contactPoint)' is not 'host' or 'host:port' with a port in 1...65535")
        }
    }
}
