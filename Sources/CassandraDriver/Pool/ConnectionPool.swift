import Logging
import Synchronization
import UVLoop

/// One node's pool of connections: the IO shell around the pure ``ConnectionPool/StateMachine``.
///
/// It opens connections, runs the reconnection backoff on a loop timer and tells the session
/// when the node goes down or comes back. Leasing picks the ready connection with the fewest
/// requests in flight, read from each connection's atomic counter, so that the request path
/// takes no pool lock beyond one short read of the ready list. (The state machine's own
/// lease counting is not used for that reason; it still decides the lifecycle.)
final class ConnectionPool: Sendable {
    /// Identifies a connection within one pool; assigned by the state machine.
    typealias ConnectionID = Int

    /// Opens one connection (TCP, handshake, `USE keyspace`).
    typealias ConnectionFactory = @Sendable () async throws -> Connection

    private struct State {
        var machine: StateMachine
        var connections: [ConnectionID: Connection] = [:]
        var ready: [Connection] = []
        var reconnectTimer: EventLoopTimer?
        var shutdownWaiters: [CheckedContinuation<Void, Never>] = []
        var isShutDown = false
        /// Set by ``drain(timeout:)``: nothing new is leased, connections that finish opening
        /// are closed at once.
        var isDraining = false
    }

    /// The node this pool connects to.
    let node: Node
    private let loop: EventLoop
    private let factory: ConnectionFactory
    private let onNodeStateChange: @Sendable (Node.State) -> Void
    private let logger: Logger
    private let state: Mutex<State>

    /// Creates an idle pool; call ``start()``.
    /// - Parameters:
    ///   - node: the node.
    ///   - size: connections to keep.
    ///   - maxRequestsPerConnection: each connection's stream-id budget.
    ///   - reconnectionPolicy: delays between reconnection attempts.
    ///   - loop: runs the backoff timer.
    ///   - logger: for connection-level events.
    ///   - factory: opens a connection.
    ///   - onNodeStateChange: told when the node is marked down or up.
    init(node: Node, size: Int, maxRequestsPerConnection: Int, reconnectionPolicy: any ReconnectionPolicy,
         loop: EventLoop, logger: Logger, factory: @escaping ConnectionFactory,
         onNodeStateChange: @escaping @Sendable (Node.State) -> Void) {
        self.node = node
        self.loop = loop
        self.factory = factory
        self.onNodeStateChange = onNodeStateChange
        self.logger = logger
        let machine = StateMachine(configuration: .init(targetSize: size, maxRequestsPerConnection: maxRequestsPerConnection),
                                   reconnectionPolicy: reconnectionPolicy)
        state = Mutex(State(machine: machine))
    }

    /// Opens the pool's connections.
    func start() {
        let actions = state.withLock { $0.machine.startRequested() }
        run(actions)
    }

    /// The ready connection with the fewest requests in flight, or `nil` when none is ready.
    func lease() -> Connection? {
        state.withLock { state -> Connection? in
            var best: Connection?
            var bestLoad = Int.max
            for connection in state.ready where !connection.isClosed {
                let load = connection.inFlightCount
                if load < bestLoad {
                    best = connection
                    bestLoad = load
                }
            }
            return best
        }
    }

    /// Every ready connection (for `USE keyspace` and preparing on all connections).
    var readyConnections: [Connection] {
        state.withLock { $0.ready }
    }

    /// Waits until at least one connection is ready or the first attempt failed.
    /// - Parameter timeout: how long to wait.
    /// - Returns: whether a connection is ready.
    func waitUntilReady(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let (hasReady, gaveUp) = state.withLock { ($0.ready.isEmpty == false, $0.isShutDown) }
            if hasReady { return true }
            if gaveUp { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    /// The cluster reported the node up: reconnect now rather than after the backoff.
    func nodeReportedUp() {
        run(state.withLock { $0.machine.nodeReportedUp() })
    }

    /// Lets the requests in flight finish, then shuts the pool down: for a node that left the
    /// cluster, whose requests should complete rather than fail with
    /// ``CassandraError/Code/connectionClosed``. From the call on, ``lease()`` returns `nil`.
    /// - Parameter timeout: the longest wait for requests in flight (the request timeout);
    ///   what is still in flight then fails as in ``shutdown()``.
    func drain(timeout: Duration) async {
        let connections = state.withLock { state -> [Connection] in
            state.isDraining = true
            state.ready = []
            return Array(state.connections.values)
        }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, connections.contains(where: { !$0.isClosed && $0.inFlightCount > 0 }) {
            try? await Task.sleep(for: .milliseconds(5))
        }
        await shutdown()
    }

    /// Closes every connection (failing their in-flight requests) and cancels reconnection.
    func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let actions = state.withLock { state -> [StateMachine.Action] in
                if state.isShutDown {
                    continuation.resume()
                    return []
                }
                state.shutdownWaiters.append(continuation)
                // Connections the machine lets drain are closed now: the session drains its
                // own requests before shutting pools down.
                let closeAll = state.connections.keys.map { StateMachine.Action.closeConnection($0) }
                return state.machine.shutdownRequested() + closeAll
            }
            run(actions)
        }
    }

    // MARK: Actions

    private func run(_ actions: [StateMachine.Action]) {
        for action in actions {
            switch action {
            case .createConnection(let id):
                Task { await self.open(id) }
            case .closeConnection(let id):
                let connection = state.withLock { $0.connections[id] }
                connection?.close()
            case .scheduleReconnect(let delay):
                logger.debug("reconnecting after a delay", metadata: [
                    CassandraLogKey.node.rawValue: "\(node.endpoint)", CassandraLogKey.delay.rawValue: "\(delay)",
                ])
                let timer = loop.scheduleTimer(after: delay) { [weak self] in
                    guard let self else { return }
                    let actions = self.state.withLock { state -> [StateMachine.Action] in
                        state.reconnectTimer = nil
                        return state.machine.backoffElapsed()
                    }
                    self.run(actions)
                }
                state.withLock { $0.reconnectTimer = timer }
            case .cancelReconnect:
                let timer = state.withLock { state -> EventLoopTimer? in
                    defer { state.reconnectTimer = nil }
                    return state.reconnectTimer
                }
                timer?.cancel()
            case .markNodeDown:
                onNodeStateChange(.down)
            case .markNodeUp:
                onNodeStateChange(.up)
            case .shutdownComplete:
                let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                    state.isShutDown = true
                    defer { state.shutdownWaiters = [] }
                    return state.shutdownWaiters
                }
                for waiter in waiters { waiter.resume() }
            }
        }
    }

    private func open(_ id: ConnectionID) async {
        do {
            let connection = try await factory()
            let actions = state.withLock { state -> [StateMachine.Action] in
                state.connections[id] = connection
                let actions = state.machine.connectionEstablished(id)
                if state.isDraining { return actions.contains(.closeConnection(id)) ? actions : actions + [.closeConnection(id)] }
                if !actions.contains(.closeConnection(id)) { state.ready.append(connection) }
                return actions
            }
            connection.onClose { [weak self] _ in self?.closed(id) }
            run(actions)
        } catch {
            logger.debug("connection attempt failed", metadata: [
                CassandraLogKey.node.rawValue: "\(node.endpoint)", CassandraLogKey.error.rawValue: "\(String(reflecting: error))",
            ])
            let actions = state.withLock { $0.machine.connectionFailed(id) }
            run(actions)
        }
    }

    private func closed(_ id: ConnectionID) {
        let actions = state.withLock { state -> [StateMachine.Action] in
            if let connection = state.connections.removeValue(forKey: id) {
                state.ready.removeAll { $0 === connection }
            }
            return state.machine.connectionClosed(id)
        }
        run(actions)
    }
}
