extension ConnectionPool {
    /// The pure logic of one node's pool: events in, actions out, no IO, no clock.
    ///
    /// The pool keeps ``Configuration/targetSize`` connections open. It leases the least
    /// busy ready connection (fewest requests in flight, first opened on a tie) and
    /// refuses when every connection is at ``Configuration/maxRequestsPerConnection``.
    ///
    /// A lost connection (failed to open, or closed by the peer) is replaced after a
    /// delay from the ``ReconnectionPolicy``: at most one reconnect is scheduled at a
    /// time, and each further delay of the same outage comes from the same schedule, so
    /// delays grow until a connection succeeds. When no connection is left, ready or
    /// opening, the node is marked down; while it is down, each elapsed backoff opens a
    /// single probe connection, and when a probe succeeds the node is marked up and the
    /// pool refills at once.
    ///
    /// Shutdown closes idle connections at once, lets busy ones drain, closes connections
    /// still opening as soon as they open, cancels a pending reconnect and reports
    /// ``Action/shutdownComplete`` when the last connection is closed.
    struct StateMachine: Sendable {
        /// The pool's sizing.
        struct Configuration: Sendable, Hashable {
            /// How many connections the pool keeps open.
            var targetSize: Int
            /// How many requests one connection carries at once (its stream-id budget).
            var maxRequestsPerConnection: Int

            /// Creates a configuration.
            /// - Parameters:
            ///   - targetSize: connections to keep; at least 1.
            ///   - maxRequestsPerConnection: requests per connection; at least 1.
            init(targetSize: Int, maxRequestsPerConnection: Int = 1024) {
                self.targetSize = max(targetSize, 1)
                self.maxRequestsPerConnection = max(maxRequestsPerConnection, 1)
            }
        }

        /// What the IO shell must do.
        enum Action: Sendable, Hashable {
            /// Open a connection with this id and report the outcome.
            case createConnection(ConnectionID)
            /// Close this connection and report ``StateMachine/connectionClosed(_:)``.
            case closeConnection(ConnectionID)
            /// Call ``StateMachine/backoffElapsed()`` after this delay.
            case scheduleReconnect(after: Duration)
            /// Cancel the timer started for ``scheduleReconnect(after:)``.
            case cancelReconnect
            /// Tell the cluster the node is unreachable.
            case markNodeDown
            /// Tell the cluster the node is reachable again.
            case markNodeUp
            /// Every connection is closed; the pool is finished.
            case shutdownComplete
        }

        /// The answer to ``StateMachine/requestStarted()``.
        enum LeaseAction: Sendable, Hashable {
            /// Send the request on this connection.
            case leaseConnection(ConnectionID)
            /// No ready connection has a free slot: try another node or wait.
            case noConnectionAvailable
        }

        private enum ConnectionState: Sendable, Hashable {
            case connecting
            case ready(inFlight: Int)
            /// Shutting down: closed when its last request finishes.
            case draining(inFlight: Int)
            /// ``Action/closeConnection(_:)`` was sent; waiting for the close.
            case closing
        }

        private enum Lifecycle: Sendable, Hashable {
            case idle, running, shuttingDown, shutDown
        }

        private struct Entry: Sendable {
            let id: ConnectionID
            var state: ConnectionState
        }

        private let configuration: Configuration
        private let reconnectionPolicy: any ReconnectionPolicy
        private var lifecycle = Lifecycle.idle
        private var connections: [Entry] = []
        private var nextID: ConnectionID = 0
        private var isNodeUp = true
        private var isReconnectScheduled = false
        private var schedule: (any ReconnectionSchedule)?

        /// Creates an idle pool; nothing happens before ``startRequested()``.
        /// - Parameters:
        ///   - configuration: the pool's sizing.
        ///   - reconnectionPolicy: the delays between reconnection attempts.
        init(configuration: Configuration, reconnectionPolicy: any ReconnectionPolicy) {
            self.configuration = configuration
            self.reconnectionPolicy = reconnectionPolicy
        }

        // MARK: Events

        /// The pool was asked to start: opens ``Configuration/targetSize`` connections.
        mutating func startRequested() -> [Action] {
            guard lifecycle == .idle else { return [] }
            lifecycle = .running
            return openConnections(configuration.targetSize)
        }

        /// Connection `id` finished its handshake.
        mutating func connectionEstablished(_ id: ConnectionID) -> [Action] {
            guard let index = index(of: id), connections[index].state == .connecting else { return [] }
            switch lifecycle {
            case .running:
                connections[index].state = .ready(inFlight: 0)
                schedule = nil
                guard !isNodeUp else { return [] }
                isNodeUp = true
                return [.markNodeUp] + openConnections(missingConnections)
            case .shuttingDown:
                connections[index].state = .closing
                return [.closeConnection(id)]
            case .idle, .shutDown:
                return []
            }
        }

        /// Opening connection `id` failed.
        mutating func connectionFailed(_ id: ConnectionID) -> [Action] {
            guard let index = index(of: id), connections[index].state == .connecting else { return [] }
            connections.remove(at: index)
            return connectionLost()
        }

        /// Connection `id` closed, because the pool asked or unexpectedly.
        mutating func connectionClosed(_ id: ConnectionID) -> [Action] {
            guard let index = index(of: id) else { return [] }
            connections.remove(at: index)
            return connectionLost()
        }

        /// A request wants a connection: leases the least busy ready one.
        mutating func requestStarted() -> LeaseAction {
            guard lifecycle == .running else { return .noConnectionAvailable }
            var best: (index: Int, inFlight: Int)?
            for (index, entry) in connections.enumerated() {
                guard case .ready(let inFlight) = entry.state, inFlight < configuration.maxRequestsPerConnection else { continue }
                if best.map({ inFlight < $0.inFlight }) ?? true { best = (index, inFlight) }
            }
            guard let best else { return .noConnectionAvailable }
            connections[best.index].state = .ready(inFlight: best.inFlight + 1)
            return .leaseConnection(connections[best.index].id)
        }

        /// A request leased on connection `id` finished (with any outcome).
        mutating func requestFinished(_ id: ConnectionID) -> [Action] {
            guard let index = index(of: id) else { return [] }
            switch connections[index].state {
            case .ready(let inFlight):
                connections[index].state = .ready(inFlight: max(inFlight - 1, 0))
                return []
            case .draining(let inFlight) where inFlight > 1:
                connections[index].state = .draining(inFlight: inFlight - 1)
                return []
            case .draining:
                connections[index].state = .closing
                return [.closeConnection(id)]
            case .connecting, .closing:
                return []
            }
        }

        /// The delay of the last ``Action/scheduleReconnect(after:)`` has passed.
        mutating func backoffElapsed() -> [Action] {
            guard lifecycle == .running, isReconnectScheduled else { return [] }
            isReconnectScheduled = false
            if isNodeUp { return openConnections(missingConnections) }
            let probing = connections.contains { $0.state == .connecting }
            return probing ? [] : openConnections(1)
        }

        /// The cluster reported the node up (a STATUS_CHANGE UP event): instead of waiting
        /// out the backoff, reconnect now with a fresh schedule.
        mutating func nodeReportedUp() -> [Action] {
            guard lifecycle == .running, isReconnectScheduled else { return [] }
            isReconnectScheduled = false
            schedule = nil
            let missing = isNodeUp ? missingConnections : (connections.contains { $0.state == .connecting } ? 0 : 1)
            return [.cancelReconnect] + openConnections(missing)
        }

        /// The pool was asked to shut down.
        mutating func shutdownRequested() -> [Action] {
            switch lifecycle {
            case .idle:
                lifecycle = .shutDown
                return [.shutdownComplete]
            case .running:
                lifecycle = .shuttingDown
            case .shuttingDown, .shutDown:
                return []
            }
            var actions: [Action] = []
            if isReconnectScheduled {
                isReconnectScheduled = false
                actions.append(.cancelReconnect)
            }
            for index in connections.indices {
                switch connections[index].state {
                case .ready(0):
                    connections[index].state = .closing
                    actions.append(.closeConnection(connections[index].id))
                case .ready(let inFlight):
                    connections[index].state = .draining(inFlight: inFlight)
                case .connecting, .draining, .closing:
                    break
                }
            }
            return actions + completeShutdownIfDone()
        }

        // MARK: Helpers

        private func index(of id: ConnectionID) -> Int? {
            connections.firstIndex { $0.id == id }
        }

        /// Connections to open to reach the target size.
        private var missingConnections: Int {
            max(configuration.targetSize - connections.count, 0)
        }

        private mutating func openConnections(_ count: Int) -> [Action] {
            (0..<count).map { _ in
                let id = nextID
                nextID += 1
                connections.append(Entry(id: id, state: .connecting))
                return .createConnection(id)
            }
        }

        /// After a connection left the pool: finish a shutdown, or mark the node down when
        /// nothing usable is left and schedule the replacement.
        private mutating func connectionLost() -> [Action] {
            switch lifecycle {
            case .running:
                var actions: [Action] = []
                if isNodeUp && connections.isEmpty {
                    isNodeUp = false
                    actions.append(.markNodeDown)
                }
                if !isReconnectScheduled {
                    isReconnectScheduled = true
                    var current = schedule ?? reconnectionPolicy.makeSchedule()
                    actions.append(.scheduleReconnect(after: current.nextDelay()))
                    schedule = current
                }
                return actions
            case .shuttingDown:
                return completeShutdownIfDone()
            case .idle, .shutDown:
                return []
            }
        }

        private mutating func completeShutdownIfDone() -> [Action] {
            guard lifecycle == .shuttingDown, connections.isEmpty else { return [] }
            lifecycle = .shutDown
            return [.shutdownComplete]
        }
    }
}
