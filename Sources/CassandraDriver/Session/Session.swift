#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol
import Logging
import Synchronization
import UVLoop

/// The entry point: a connection to a Cassandra cluster, with pools to every node the
/// load-balancing policy uses, a control connection that follows topology and schema, and
/// the statement API.
///
/// ```swift
/// let session = try await Session.connect(configuration: .init(contactPoints: ["127.0.0.1"]))
/// let result = try await session.execute("SELECT release_version FROM system.local")
/// let version = try result.first?["release_version", as: String.self]
/// let insert = try await session.prepare("INSERT INTO ks.users (id, name) VALUES (?, ?)")
/// try await session.execute(insert, UUID(), "Ada")
/// for try await row in session.rows("SELECT * FROM ks.users") { … }
/// try await session.close()
/// ```
///
/// ## Paging
/// ``execute(_:_:options:)`` returns one page (``Statement/Options/pageSize`` rows, with
/// ``ResultSet/pagingState`` to continue); ``rows(_:_:options:)`` pages lazily through all of them.
///
/// ## Thread safety and executors
/// Every method is safe from any task. ``close()`` waits for requests in flight, then closes
/// every connection and stops the event loops.
///
/// The `execute` methods are `nonisolated(nonsending)`: they run on the caller's executor
/// (binding, encoding and decoding included) instead of hopping to the global one at each
/// call, which saves a scheduler round trip per layer of the request path. A task that prefers
/// ``taskExecutor`` therefore runs the whole request on the connections' loop thread.
public final class Session: Sendable {
    /// The configuration the session was created with.
    public let configuration: Configuration

    struct State {
        var snapshot: ClusterSnapshot
        var pools: [UUID: ConnectionPool] = [:]
        /// Pools of nodes that left, draining their requests in flight; closed with the session.
        var drainingPools: [ObjectIdentifier: ConnectionPool] = [:]
        /// Where to connect to each node: contact points keep the name they were given.
        var addresses: [UUID: (host: String, port: Int)] = [:]
        var keyspace: String?
        var isClosing = false
        var inFlight = 0
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
        var controlConnection: ControlConnection?
    }

    let group: EventLoopGroup
    let state: Mutex<State>
    /// Incremented by every ``use(keyspace:)``; a connection whose own generation differs is
    /// switched before it carries a request. Read on every request, hence an atomic beside
    /// the locked state (written under the state lock, together with the keyspace).
    let keyspaceGeneration: Atomic<Int>
    let preparedCache = PreparedStatementCache()
    let metrics: DriverMetrics
    let loadBalancing: any LoadBalancingPolicy
    let localDatacenter: String?
    var logger: Logger { configuration.logger }

    init(configuration: Configuration, group: EventLoopGroup, snapshot: ClusterSnapshot,
         addresses: [UUID: (host: String, port: Int)], localDatacenter: String?) {
        self.configuration = configuration
        self.group = group
        self.localDatacenter = localDatacenter
        metrics = DriverMetrics(dimensions: configuration.metricDimensions)
        loadBalancing = configuration.loadBalancingPolicy
            ?? TokenAwarePolicy(child: DCAwareRoundRobinPolicy(localDatacenter: localDatacenter ?? ""))
        state = Mutex(State(snapshot: snapshot, addresses: addresses, keyspace: configuration.keyspace))
        // Connections start at generation 0: a configured keyspace is generation 1, so that
        // every new connection switches to it.
        keyspaceGeneration = Atomic(configuration.keyspace == nil ? 0 : 1)
    }

    /// A task executor on one of the session's event loops, for tasks that mostly issue requests.
    ///
    /// A task that prefers it (`withTaskExecutorPreference(session.taskExecutor) { … }` or
    /// `group.addTask(executorPreference: session.taskExecutor) { … }`) runs on the thread that
    /// owns the connections: its requests are written in the same loop iteration, without a
    /// cross-thread submission, and each response resumes it there, without waking a thread of
    /// the global pool. That saves most of the client CPU a request costs (see
    /// `docs/benchmarks.md`). The loop thread runs the task's code between socket callbacks, so
    /// keep CPU-heavy or blocking work out of such tasks. With several event loops, each access
    /// returns the next loop's executor.
    public var taskExecutor: any TaskExecutor { group.next().taskExecutor }

    // MARK: Connecting

    /// Connects to the cluster: opens a control connection to the first reachable contact
    /// point, discovers the nodes, and opens the pools.
    /// - Parameter configuration: contact points, credentials, policies and defaults.
    /// - Returns: a ready session.
    /// - Throws: ``CassandraError`` with ``CassandraError/Code/noNodeAvailable`` (each contact
    ///   point's error in ``CassandraError/nodeErrors``), ``CassandraError/Code/invalidArgument``
    ///   for malformed contact points, or ``CassandraError/Code/authentication``.
    public static func connect(configuration: Configuration) async throws -> Session {
        guard !configuration.contactPoints.isEmpty else {
            throw CassandraError(.invalidArgument, "Session.Configuration.contactPoints is empty; give at least one node")
        }
        let contactPoints = try configuration.contactPoints.map {
            try Configuration.parse(contactPoint: $0, defaultPort: configuration.defaultPort)
        }
        let ownsGroup = configuration.eventLoopGroup == nil
        let group = configuration.eventLoopGroup
            ?? EventLoopGroup(numberOfThreads: max(1, configuration.eventLoopCount), name: "cassandra")
        do {
            let discovery = try await ControlConnection.connect(contactPoints: contactPoints, configuration: configuration,
                                                                loop: group.next())
            let localDatacenter = configuration.localDatacenter ?? discovery.localDatacenter
            let session = Session(configuration: configuration, group: group, snapshot: discovery.snapshot,
                                  addresses: discovery.addresses, localDatacenter: localDatacenter)
            session.state.withLock { $0.controlConnection = discovery.control }
            discovery.control?.attach(to: session)
            try await session.openPools()
            return session
        } catch {
            if ownsGroup { try? await group.shutdown() }
            throw error
        }
    }

    /// Opens a pool for every node the policy does not ignore, and waits for one to be ready.
    func openPools() async throws {
        let pools = refreshPools()
        var ready = false
        for pool in pools where await pool.waitUntilReady(timeout: configuration.connectTimeout) {
            ready = true
            break
        }
        guard ready else {
            await closePoolsAndControl()
            throw CassandraError(.noNodeAvailable, "no connection could be opened to any node; check the contact points, localDatacenter and credentials")
        }
    }

    /// Creates pools for new nodes and drains the pools of nodes that left or became ignored
    /// (their requests in flight finish, within the request timeout).
    /// - Returns: the pools created.
    @discardableResult
    func refreshPools() -> [ConnectionPool] {
        let (created, removed) = state.withLock { state -> ([ConnectionPool], [ConnectionPool]) in
            guard !state.isClosing else { return ([], []) }
            var created: [ConnectionPool] = []
            var wanted: Set<UUID> = []
            for node in state.snapshot.nodes {
                let distance = loadBalancing.distance(to: node, in: state.snapshot)
                guard distance != .ignored else { continue }
                wanted.insert(node.id)
                guard state.pools[node.id] == nil else { continue }
                let pool = makePool(for: node, distance: distance, addresses: state.addresses)
                state.pools[node.id] = pool
                created.append(pool)
            }
            let removed = state.pools.filter { !wanted.contains($0.key) }.map(\.value)
            for pool in removed {
                state.pools[pool.node.id] = nil
                state.drainingPools[ObjectIdentifier(pool)] = pool
            }
            return (created, removed)
        }
        for pool in created { pool.start() }
        let timeout = configuration.requestTimeout
        for pool in removed {
            Task {
                await pool.drain(timeout: timeout)
                self.state.withLock { _ = $0.drainingPools.removeValue(forKey: ObjectIdentifier(pool)) }
            }
        }
        return created
    }

    private func makePool(for node: Node, distance: NodeDistance, addresses: [UUID: (host: String, port: Int)]) -> ConnectionPool {
        let address = addresses[node.id] ?? (node.endpoint.address.description, Int(node.endpoint.port))
        let connectionConfiguration = connectionConfiguration(host: address.host, port: address.port)
        let loop = group.next()
        let logger = configuration.logger
        return ConnectionPool(
            node: node,
            size: distance == .local ? configuration.connectionsPerNode : configuration.connectionsPerRemoteNode,
            maxRequestsPerConnection: configuration.maxRequestsPerConnection,
            reconnectionPolicy: configuration.reconnectionPolicy,
            loop: loop, logger: logger,
            factory: { [weak self] in
                let connection = try await Connection.connect(configuration: connectionConfiguration, on: loop, logger: logger)
                guard let self else { return connection }
                self.metrics.connectionsOpened.increment()
                connection.onClose { [weak self] _ in self?.metrics.connectionsClosed.increment() }
                do {
                    try await self.catchUpKeyspace(of: connection)
                } catch {
                    connection.close()
                    throw error
                }
                return connection
            },
            onNodeStateChange: { [weak self] newState in self?.nodeStateChanged(node.id, to: newState) })
    }

    func connectionConfiguration(host: String, port: Int) -> Connection.Configuration {
        var connection = Connection.Configuration(host: host, port: port)
        connection.compression = configuration.compression
        connection.credentials = configuration.credentials
        connection.connectTimeout = configuration.connectTimeout
        connection.limits.maxInFlight = configuration.maxRequestsPerConnection
        connection.limits.heartbeatInterval = configuration.heartbeatInterval
        return connection
    }

    func nodeStateChanged(_ id: UUID, to newState: Node.State) {
        state.withLock { $0.snapshot = $0.snapshot.updatingState(of: id, to: newState) }
        logger.info("node state changed", metadata: [CassandraLogKey.node.rawValue: "\(id)", "state": "\(newState)"])
    }

    /// Replaces the cluster view (after a topology or schema refresh) and adjusts the pools.
    func publish(snapshot: ClusterSnapshot, addresses: [UUID: (host: String, port: Int)]) {
        state.withLock { state in
            // Keep the pools' view of up/down for nodes that stay.
            var merged = snapshot
            for node in snapshot.nodes {
                if let old = state.snapshot.node(id: node.id), old.state != node.state {
                    merged = merged.updatingState(of: node.id, to: old.state)
                }
            }
            state.snapshot = merged
            state.addresses.merge(addresses) { old, _ in old }
        }
        refreshPools()
    }

    /// The current cluster view: nodes, their state, tokens and keyspace replication.
    public var cluster: ClusterSnapshot {
        state.withLock { $0.snapshot }
    }

    /// The keyspace the session's connections use, if any.
    public var keyspace: String? {
        state.withLock { $0.keyspace }
    }

    // MARK: Keyspace

    /// Switches every connection, present and future, to `keyspace` (`USE`).
    ///
    /// The keyspace is checked on one connection first; then it becomes the session's, and
    /// the other connections switch at once. A connection that opens or comes back meanwhile
    /// cannot miss the change: each connection records the keyspace generation it was switched
    /// to, and one that lags behind is switched before it carries its next request.
    /// - Parameter keyspace: the keyspace name (quoted as needed).
    /// - Throws: ``CassandraError`` when the keyspace does not exist.
    public func use(keyspace: String) async throws {
        let connections = state.withLock { state -> [Connection] in
            state.pools.values.flatMap(\.readyConnections)
        }
        guard let first = connections.first else {
            throw CassandraError(.noNodeAvailable, "no connection is open to switch keyspace on")
        }
        try await switchKeyspace(of: first, to: keyspace)
        let generation = state.withLock { state in
            state.keyspace = keyspace
            return keyspaceGeneration.add(1, ordering: .sequentiallyConsistent).newValue
        }
        first.keyspaceGeneration.store(generation, ordering: .sequentiallyConsistent)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for connection in connections.dropFirst() {
                group.addTask { try await self.catchUpKeyspace(of: connection) }
            }
            try await group.waitForAll()
        }
    }

    /// Switches `connection` to the session's keyspace unless it is there already; repeats if
    /// the keyspace changes while it switches.
    @inline(never)
    func catchUpKeyspace(of connection: Connection) async throws {
        while true {
            let (keyspace, generation) = state.withLock { ($0.keyspace, keyspaceGeneration.load(ordering: .sequentiallyConsistent)) }
            guard connection.keyspaceGeneration.load(ordering: .sequentiallyConsistent) != generation else { return }
            if let keyspace { try await switchKeyspace(of: connection, to: keyspace) }
            let stillCurrent = state.withLock { _ in keyspaceGeneration.load(ordering: .sequentiallyConsistent) == generation }
            connection.keyspaceGeneration.store(generation, ordering: .sequentiallyConsistent)
            if stillCurrent { return }
        }
    }

    func switchKeyspace(of connection: Connection, to keyspace: String) async throws {
        let cql = "USE " + Self.quoteIdentifier(keyspace)
        let message = RequestMessage.query(.init(query: cql, parameters: .init(consistency: configuration.consistency)))
        let frame = try await send(message, on: connection, timeout: configuration.requestTimeout, tracing: false,
                                   customPayload: nil, statement: cql)
        let response = try Self.decodeResponse(frame, node: connection.node, statement: cql)
        switch response {
        case .result: return
        case .error(let error): throw CassandraError.server(error, node: connection.node, statement: cql)
        default:
            throw CassandraError(.protocolViolation, "unexpected \(response.opcode) in answer to USE", node: connection.node, statement: cql)
        }
    }

    /// Quotes an identifier unless it is a plain lower-case one (or already quoted).
    static func quoteIdentifier(_ name: String) -> String {
        if name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 { return name }
        let plain = name.first.map { $0.isLetter && $0.isLowercase } == true
            && name.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "_" }
        return plain ? name : "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    // MARK: Closing

    /// Stops accepting requests, waits for those in flight, then closes every connection and
    /// the event loops. Idempotent.
    /// - Throws: only if an event loop reports a leaked handle (a driver bug).
    public func close() async throws {
        let alreadyClosing = state.withLock { state -> Bool in
            defer { state.isClosing = true }
            return state.isClosing
        }
        if !alreadyClosing {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let drained = state.withLock { state -> Bool in
                    if state.inFlight == 0 { return true }
                    state.drainWaiters.append(continuation)
                    return false
                }
                if drained { continuation.resume() }
            }
            await closePoolsAndControl()
        }
        if configuration.eventLoopGroup == nil { try await group.shutdown() }
    }

    func closePoolsAndControl() async {
        let (pools, control) = state.withLock { state -> ([ConnectionPool], ControlConnection?) in
            defer {
                state.pools = [:]
                state.drainingPools = [:]
                state.controlConnection = nil
            }
            return (Array(state.pools.values) + Array(state.drainingPools.values), state.controlConnection)
        }
        await control?.close()
        await withTaskGroup(of: Void.self) { group in
            for pool in pools { group.addTask { await pool.shutdown() } }
        }
    }

    /// Counts a request in; fails when the session is closing.
    /// - Returns: the cluster view to plan the request on.
    func beginRequest(statement: String) throws -> ClusterSnapshot {
        let snapshot = state.withLock { state -> ClusterSnapshot? in
            if state.isClosing { return nil }
            state.inFlight += 1
            return state.snapshot
        }
        guard let snapshot else {
            throw CassandraError(.shutdown, "the session is closed", statement: statement)
        }
        return snapshot
    }

    /// Counts a request out; wakes ``close()`` when the last one finishes.
    func endRequest() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.inFlight -= 1
            guard state.inFlight == 0, !state.drainWaiters.isEmpty else { return [] }
            defer { state.drainWaiters = [] }
            return state.drainWaiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
