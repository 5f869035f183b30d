#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol
import Synchronization
import UVLoop

/// An in-process Cassandra-compatible server speaking native protocol v4 over TCP.
///
/// It behaves like a single-node Cassandra 5.0 for the CQL it supports (see
/// `docs/cql-server.md`): real drivers connect to it unchanged. Data lives in memory and,
/// with a data directory, in an append-only commit log replayed on start. Each node of an
/// ``EmbeddedCQLCluster`` is one of these, sharing its storage with the other nodes.
///
/// ```swift
/// let server = try await EmbeddedCQLServer.start(.init(port: 0))
/// print(server.port)            // the ephemeral port chosen
/// try await server.shutdown()
/// ```
public final class EmbeddedCQLServer: Sendable {
    /// How to run the server.
    public struct Configuration: Sendable {
        /// The address to listen on (an IP literal).
        public var host: String
        /// The port; 0 picks a free ephemeral port.
        public var port: Int
        /// Where the commit log and the node's host id live; `nil` keeps data in memory only
        /// (and gives the node a new host id on every start).
        public var dataDirectory: String?
        /// Users for PasswordAuthenticator; empty disables authentication.
        public var credentials: [String: String]
        /// The number of event loop threads serving connections.
        public var eventLoopCount: Int

        /// Creates a configuration.
        public init(host: String = "127.0.0.1", port: Int = 9042, dataDirectory: String? = nil,
                    credentials: [String: String] = [:], eventLoopCount: Int = 1) {
            self.host = host
            self.port = port
            self.dataDirectory = dataDirectory
            self.credentials = credentials
            self.eventLoopCount = eventLoopCount
        }
    }

    /// The port the server listens on.
    public let port: Int
    /// The address the server listens on.
    public let host: String

    private let group: EventLoopGroup
    /// The listening socket; `nil` while an ``EmbeddedCQLCluster`` node is stopped.
    private let listener: Mutex<TCPListener?>
    private let authenticator: PasswordAuthenticator?
    let processor: QueryProcessor
    private let connections = Mutex<[ObjectIdentifier: ServerConnection]>([:])
    private let registered = Mutex<[ObjectIdentifier: ServerConnection]>([:])
    private let faultRules = Mutex<[FaultRule]>([])
    private let requestCounts = Mutex<[Opcode: Int]>([:])
    /// Where schema changes go: this server's registered connections, or, in a cluster,
    /// every running node's.
    private let schemaChangeRoute = Mutex<(@Sendable (ResponseMessage.Event) -> Void)?>(nil)

    private init(host: String, port: Int, group: EventLoopGroup, listener: TCPListener, processor: QueryProcessor,
                 authenticator: PasswordAuthenticator?) {
        self.host = host
        self.port = port
        self.group = group
        self.listener = Mutex(listener)
        self.processor = processor
        self.authenticator = authenticator
    }

    /// Starts a server: replays the commit log (if any), then listens.
    /// - Throws: ``EmbeddedCQLServer/StartError`` when the log cannot be opened or replayed,
    ///   or the libuv error when the address cannot be bound.
    public static func start(_ configuration: Configuration) async throws -> EmbeddedCQLServer {
        let engine = StorageEngine()
        let hostID = try configuration.dataDirectory.map(HostIDFile.load(directory:)) ?? UUID()
        let address = CQLInetAddress(configuration.host) ?? CQLInetAddress("127.0.0.1")!
        let node = NodeIdentity(hostID: hostID, listenAddress: address, rpcAddress: address, rpcPort: Int32(configuration.port),
                                clusterName: LocalNode.clusterName, datacenter: LocalNode.datacenter, rack: LocalNode.rack,
                                releaseVersion: LocalNode.releaseVersion, cqlVersion: LocalNode.cqlVersion,
                                nativeProtocolVersion: LocalNode.nativeProtocolVersion, partitioner: LocalNode.partitioner,
                                tokens: [Murmur3Partitioner.token(for: Array(hostID.uuidString.utf8))])
        var commitLog: CommitLog?
        if let directory = configuration.dataDirectory {
            let replayer = QueryProcessor(engine: engine, node: node, commitLog: nil, clock: wallClock)
            try CommitLogReplay.replay(directory: directory, into: replayer)
            do { commitLog = try CommitLog(directory: directory) } catch { throw StartError(message: error.description) }
        }
        return try await start(host: configuration.host, port: configuration.port, credentials: configuration.credentials,
                               eventLoopCount: configuration.eventLoopCount) { boundPort in
            // `system.local` reports the port actually bound (the ephemeral one for port 0).
            var node = node
            node.rpcPort = Int32(boundPort)
            return QueryProcessor(engine: engine, node: node, commitLog: commitLog, clock: wallClock)
        }
    }

    /// Microseconds since the epoch.
    static let wallClock: @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()) }

    /// Starts listening on `host:port`, then serves requests with the processor
    /// `makeProcessor` builds for the bound port (a cluster node's processor shares its
    /// storage with the other nodes and reports the port in `system.local`).
    static func start(host: String, port: Int, credentials: [String: String], eventLoopCount: Int,
                      makeProcessor: (_ boundPort: Int) -> QueryProcessor) async throws -> EmbeddedCQLServer {
        let group = EventLoopGroup(numberOfThreads: max(1, eventLoopCount), name: "cql-server")
        let box = ServerBox()
        let listener: TCPListener
        do {
            listener = try await TCPListener.bind(host: host, port: port, on: group.next(), distributingTo: group) { socket in
                box.server?.accept(socket)
            }
        } catch {
            try? await group.shutdown()
            throw error
        }
        let server = EmbeddedCQLServer(host: host, port: listener.port, group: group, listener: listener,
                                       processor: makeProcessor(listener.port),
                                       authenticator: credentials.isEmpty ? nil : PasswordAuthenticator(users: credentials))
        box.set(server)
        return server
    }

    /// Why the server could not start.
    public struct StartError: Error, CustomStringConvertible {
        /// What went wrong.
        public var message: String
        /// The message.
        public var description: String { message }
    }

    private func accept(_ socket: TCPConnection) {
        let connection = ServerConnection(socket: socket, processor: processor, authenticator: authenticator, server: self)
        connections.withLock { $0[ObjectIdentifier(connection)] = connection }
        connection.start()
        // A connection accepted while the node was being stopped: `stopListening()` clears
        // the listener before it drops connections, so one of the two closes it.
        if !isRunning { socket.close() }
    }

    func connectionClosed(_ connection: ServerConnection) {
        connections.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(connection)) }
        registered.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    func connectionRegistered(_ connection: ServerConnection) {
        registered.withLock { $0[ObjectIdentifier(connection)] = connection }
    }

    /// Sends `event` to every connection registered for its type.
    func broadcast(_ event: ResponseMessage.Event) {
        for connection in registered.withLock({ Array($0.values) }) { connection.sendEvent(event) }
    }

    /// Announces a schema change made through this server: to its own registered
    /// connections, or through the route a cluster installed (every running node's).
    func schemaChanged(_ change: ResponseMessage.SchemaChange) {
        if let route = schemaChangeRoute.withLock({ $0 }) {
            route(.schemaChange(change))
        } else {
            broadcast(.schemaChange(change))
        }
    }

    /// Makes schema changes go to `route` instead of this server's connections only.
    func routeSchemaChanges(to route: @escaping @Sendable (ResponseMessage.Event) -> Void) {
        schemaChangeRoute.withLock { $0 = route }
    }

    /// Counts a request received in the ready phase or during the handshake.
    func requestReceived(_ opcode: Opcode) {
        requestCounts.withLock { $0[opcode, default: 0] += 1 }
    }

    /// The number of requests with `opcode` this server received since it started or since
    /// ``resetRequestCounts()`` (requests a fault rule delayed, dropped or failed included),
    /// so tests can see where a driver sent its requests.
    /// - Parameter opcode: a request opcode, such as ``CQLProtocol/Opcode/execute``.
    /// - Returns: the count.
    public func requestCount(_ opcode: Opcode) -> Int {
        requestCounts.withLock { $0[opcode] ?? 0 }
    }

    /// Sets every request count back to zero.
    public func resetRequestCounts() {
        requestCounts.withLock { $0.removeAll() }
    }

    /// Whether the server is listening (`false` while an ``EmbeddedCQLCluster`` node is
    /// stopped).
    public var isRunning: Bool { listener.withLock { $0 != nil } }

    /// The node's `host_id`.
    public var hostID: UUID { processor.node.hostID }
    /// The node's datacenter, as `system.local` reports it.
    public var datacenter: String { processor.node.datacenter }
    /// The node's rack, as `system.local` reports it.
    public var rack: String { processor.node.rack }
    /// The node's Murmur3 tokens, as `system.local` reports them.
    public var tokens: [Int64] { processor.node.tokens }

    /// The number of open client connections.
    public var connectionCount: Int { connections.withLock { $0.count } }

    /// The number of open client connections whose STARTUP negotiated LZ4 compression (for
    /// tests that check what a driver negotiated).
    public var compressedConnectionCount: Int {
        connections.withLock { $0.values.filter { $0.isCompressed.load(ordering: .relaxed) }.count }
    }

    /// Closes every client connection without stopping the server, as a restart would
    /// look to clients (for failure tests).
    public func dropAllConnections() {
        for connection in connections.withLock({ Array($0.values) }) { connection.socket.close() }
    }

    /// Forgets every prepared statement, so clients receive UNPREPARED (for re-prepare tests).
    public func forgetPreparedStatements() {
        processor.preparedStatements.removeAll()
    }

    /// Adds a fault rule; rules are checked in the order they were added.
    public func addFaultRule(_ rule: FaultRule) {
        faultRules.withLock { $0.append(rule) }
    }

    /// Removes every fault rule.
    public func clearFaultRules() {
        faultRules.withLock { $0.removeAll() }
    }

    /// The reaction of the first rule matching `request`, counting the use against its limit.
    func faultReaction(for request: RequestMessage) -> FaultRule.Reaction? {
        faultRules.withLock { rules in
            guard let index = rules.firstIndex(where: { $0.matches(request) }) else { return nil }
            let reaction = rules[index].reaction
            if let times = rules[index].times {
                if times <= 1 { rules.remove(at: index) } else { rules[index].times = times - 1 }
            }
            return reaction
        }
    }

    /// Stops listening and closes every connection, keeping the event loops, the data and
    /// the prepared statements (an ``EmbeddedCQLCluster`` node going down).
    func stopListening() {
        let listener = self.listener.withLock { listener in
            defer { listener = nil }
            return listener
        }
        listener?.close()
        dropAllConnections()
    }

    /// Listens again on the same address and port after ``stopListening()``.
    /// - Throws: the libuv error when the address cannot be bound.
    func resumeListening() async throws {
        guard !isRunning else { return }
        let listener = try await TCPListener.bind(host: host, port: port, on: group.next(), distributingTo: group) {
            [weak self] socket in self?.accept(socket)
        }
        self.listener.withLock { $0 = listener }
    }

    /// Stops listening, closes every connection and joins the event loop threads.
    public func shutdown() async throws {
        stopListening()
        try await group.shutdown()
    }

    /// Holds the server for the accept callback, which exists before the server does.
    private final class ServerBox: Sendable {
        private let state = Mutex<EmbeddedCQLServer?>(nil)

        var server: EmbeddedCQLServer? { state.withLock { $0 } }

        func set(_ server: EmbeddedCQLServer) {
            state.withLock { $0 = server }
        }
    }
}
