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
/// with a data directory, in an append-only commit log replayed on start.
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
    private let listener: TCPListener
    let processor: QueryProcessor
    private let connections = Mutex<[ObjectIdentifier: ServerConnection]>([:])
    private let registered = Mutex<[ObjectIdentifier: ServerConnection]>([:])
    private let faultRules = Mutex<[FaultRule]>([])

    private init(host: String, port: Int, group: EventLoopGroup, listener: TCPListener, processor: QueryProcessor) {
        self.host = host
        self.port = port
        self.group = group
        self.listener = listener
        self.processor = processor
    }

    /// Starts a server: replays the commit log (if any), then listens.
    /// - Throws: ``EmbeddedCQLServer/StartError`` when the log cannot be opened or replayed,
    ///   or the libuv error when the address cannot be bound.
    public static func start(_ configuration: Configuration) async throws -> EmbeddedCQLServer {
        let engine = StorageEngine()
        let clock: @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()) }
        let hostID = try configuration.dataDirectory.map(HostIDFile.load(directory:)) ?? UUID()
        let address = CQLInetAddress(configuration.host) ?? CQLInetAddress("127.0.0.1")!
        let node = NodeIdentity(hostID: hostID, listenAddress: address, rpcAddress: address, rpcPort: Int32(configuration.port),
                                clusterName: LocalNode.clusterName, datacenter: LocalNode.datacenter, rack: LocalNode.rack,
                                releaseVersion: LocalNode.releaseVersion, cqlVersion: LocalNode.cqlVersion,
                                nativeProtocolVersion: LocalNode.nativeProtocolVersion, partitioner: LocalNode.partitioner,
                                tokens: [Murmur3Partitioner.token(for: Array(hostID.uuidString.utf8))])
        var commitLog: CommitLog?
        if let directory = configuration.dataDirectory {
            let replayer = QueryProcessor(engine: engine, node: node, commitLog: nil, clock: clock)
            try CommitLogReplay.replay(directory: directory, into: replayer)
            do { commitLog = try CommitLog(directory: directory) } catch { throw StartError(message: error.description) }
        }
        let processor = QueryProcessor(engine: engine, node: node, commitLog: commitLog, clock: clock)
        let group = EventLoopGroup(numberOfThreads: max(1, configuration.eventLoopCount), name: "cql-server")
        let box = ServerBox()
        let listener: TCPListener
        do {
            listener = try await TCPListener.bind(host: configuration.host, port: configuration.port, on: group.next(), distributingTo: group) { socket in
                box.server?.accept(socket)
            }
        } catch {
            try? await group.shutdown()
            throw error
        }
        let server = EmbeddedCQLServer(host: configuration.host, port: listener.port, group: group, listener: listener, processor: processor)
        box.set(server, authenticator: configuration.credentials.isEmpty ? nil : PasswordAuthenticator(users: configuration.credentials))
        return server
    }

    /// Why the server could not start.
    public struct StartError: Error, CustomStringConvertible {
        /// What went wrong.
        public var message: String
        /// The message.
        public var description: String { message }
    }

    private func accept(_ socket: TCPConnection, authenticator: PasswordAuthenticator?) {
        let connection = ServerConnection(socket: socket, processor: processor, authenticator: authenticator, server: self)
        connections.withLock { $0[ObjectIdentifier(connection)] = connection }
        connection.start()
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

    /// Stops listening, closes every connection and joins the event loop threads.
    public func shutdown() async throws {
        listener.close()
        dropAllConnections()
        try await group.shutdown()
    }

    /// Holds the server for the accept callback, which exists before the server does.
    private final class ServerBox: Sendable {
        private let state = Mutex<(server: EmbeddedCQLServer?, authenticator: PasswordAuthenticator?)>((nil, nil))

        var server: Accepting? {
            state.withLock { state in state.server.map { Accepting(server: $0, authenticator: state.authenticator) } }
        }

        func set(_ server: EmbeddedCQLServer, authenticator: PasswordAuthenticator?) {
            state.withLock { $0 = (server, authenticator) }
        }
    }

    private struct Accepting {
        let server: EmbeddedCQLServer
        let authenticator: PasswordAuthenticator?

        func accept(_ socket: TCPConnection) { server.accept(socket, authenticator: authenticator) }
    }
}
