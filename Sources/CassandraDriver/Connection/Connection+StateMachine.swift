import CQLProtocol

extension Connection {
    /// The pure logic of one connection: handshake, then request lifecycle by stream id.
    ///
    /// Events in (past tense), actions out (imperative); no sockets, locks, clocks or loggers.
    /// Time arrives as `now` arguments. The IO shell (``Connection``) keeps the waiting
    /// continuations in an array indexed by stream id and runs the actions.
    ///
    /// Request lifecycle:
    /// - ``requestSubmitted(deadline:)`` takes a stream id (``RequestAction/write(stream:)``) or
    ///   asks the caller to wait when all are taken (``RequestAction/wait``).
    /// - ``responseReceived(stream:)`` routes a response to its request, drops a late response
    ///   to an abandoned one (and frees its id), or closes the connection for an unknown stream.
    /// - ``timerFired(now:)`` fails requests past their deadline, sends a heartbeat OPTIONS
    ///   when the connection has been idle, and closes it when the heartbeat goes unanswered
    ///   or too many ids are held by abandoned requests.
    /// - ``closed(_:)`` fails every waiting request with one typed error.
    struct StateMachine: Sendable {
        /// Limits and intervals.
        struct Configuration: Sendable, Hashable {
            /// Stream ids available at once, `1...32768`.
            var maxInFlight = 1024
            /// Idle time after which a heartbeat OPTIONS is sent; `nil` disables heartbeats.
            var heartbeatInterval: Duration? = .seconds(30)
            /// How long a heartbeat may take before the connection is considered dead.
            var heartbeatTimeout: Duration = .seconds(10)
            /// Abandoned requests whose ids may stay taken before the connection is recycled.
            var maxOrphans = 256
        }

        /// The answer to ``requestSubmitted(deadline:)``.
        enum RequestAction: Sendable, Equatable {
            /// Write the request with this stream id.
            case write(stream: Int16)
            /// Every id is taken: queue the request and submit it again when one frees up.
            case wait
            /// The connection cannot take requests.
            case fail(CassandraError)
        }

        /// The answer to ``responseReceived(stream:)``.
        enum ResponseAction: Sendable, Equatable {
            /// Resume the request waiting on this stream with the frame.
            case succeed(stream: Int16)
            /// The response belongs to an abandoned request (or the heartbeat): drop it.
            case drop
            /// The peer broke the protocol: close the connection with this error.
            case close(CassandraError)
        }

        /// What a timer tick asks for.
        enum TimerAction: Sendable, Equatable {
            /// Fail the request on this stream with ``CassandraError/Code/requestTimeout``.
            case failTimedOut(stream: Int16)
            /// Send an OPTIONS heartbeat on this stream.
            case sendHeartbeat(stream: Int16)
            /// Close the connection with this error.
            case close(CassandraError)
        }

        /// The answer to ``requestCancelled(stream:)``.
        enum CancelAction: Sendable, Equatable {
            /// Resume the request on this stream with a cancellation error.
            case failCancelled(stream: Int16)
            /// Nothing is waiting on that stream any more.
            case none
        }

        /// The answer to ``closed(_:)``.
        enum ClosedAction: Sendable, Equatable {
            /// Fail every one of these streams' requests with the error.
            case failAll(streams: [Int16], CassandraError)
            /// Already closed: nothing to do.
            case none
        }

        private enum State: Sendable {
            case idle
            case handshaking(HandshakeStateMachine)
            case ready
            case closing(CassandraError)
            case closed(CassandraError)
        }

        private let configuration: Configuration
        private var state: State = .idle
        private(set) var requests: InFlightRequests
        private var lastReadAt: MonotonicInstant?

        /// Creates an idle machine.
        /// - Parameter configuration: limits and intervals.
        init(configuration: Configuration) {
            self.configuration = configuration
            requests = InFlightRequests(maxInFlight: configuration.maxInFlight)
        }

        /// Whether requests can be submitted.
        var isReady: Bool {
            if case .ready = state { return true }
            return false
        }

        // MARK: Handshake

        /// The TCP connection is open: starts the handshake.
        mutating func connected(handshake options: HandshakeStateMachine.Options) -> HandshakeStateMachine.Action {
            guard case .idle = state else {
                return .fail(CassandraError(.protocolViolation, "connected() called twice"))
            }
            var handshake = HandshakeStateMachine(options: options)
            let action = handshake.started()
            state = .handshaking(handshake)
            return action
        }

        /// A response arrived during the handshake.
        mutating func handshakeMessageReceived(_ message: ResponseMessage) -> HandshakeStateMachine.Action {
            guard case .handshaking(var handshake) = state else {
                return .fail(CassandraError(.protocolViolation, "unexpected \(message.opcode) outside the handshake"))
            }
            let action = handshake.messageReceived(message)
            switch action {
            case .completed:
                state = .ready
            case .fail(let error):
                state = .closing(error)
            case .retryWithProtocolVersion(let version):
                state = .closing(CassandraError(.unsupportedProtocolVersion, "retrying with protocol v\(version)"))
            case .sendOptions, .sendStartup, .sendAuthResponse, .sendRegister:
                state = .handshaking(handshake)
            }
            return action
        }

        /// Whether the connection is still in its handshake.
        var isHandshaking: Bool {
            if case .handshaking = state { return true }
            return false
        }

        // MARK: Requests

        /// A caller submitted a request due by `deadline`.
        mutating func requestSubmitted(deadline: MonotonicInstant) -> RequestAction {
            switch state {
            case .ready:
                guard let stream = requests.insert(.active, deadline: deadline) else { return .wait }
                return .write(stream: stream)
            case .idle, .handshaking:
                return .fail(CassandraError(.connectionClosed, "the connection is not ready; wait for connect() to return"))
            case .closing(let error), .closed(let error):
                return .fail(error)
            }
        }

        /// Bytes arrived; resets the idle clock used for heartbeats.
        mutating func readReceived(now: MonotonicInstant) {
            lastReadAt = now
        }

        /// A response frame arrived on `stream` (non-negative) after the handshake.
        mutating func responseReceived(stream: Int16) -> ResponseAction {
            switch requests.remove(stream) {
            case .active:
                return .succeed(stream: stream)
            case .orphaned, .heartbeat:
                return .drop
            case .free:
                guard case .ready = state else { return .drop }
                let error = CassandraError(.protocolViolation, "response on stream \(stream), which has no request in flight")
                state = .closing(error)
                return .close(error)
            }
        }

        /// The caller of the request on `stream` stopped waiting (task cancelled). The id stays
        /// taken until the late response arrives.
        mutating func requestCancelled(stream: Int16) -> CancelAction {
            requests.orphan(stream) ? .failCancelled(stream: stream) : .none
        }

        /// The periodic timer fired: expire requests, send or check the heartbeat.
        mutating func timerFired(now: MonotonicInstant) -> [TimerAction] {
            guard case .ready = state else { return [] }
            var actions: [TimerAction] = []
            let heartbeat = requests.heartbeatStream
            for stream in requests.expire(now: now) {
                if stream == heartbeat {
                    let error = CassandraError(.connectionClosed, "the heartbeat got no answer within \(configuration.heartbeatTimeout); the connection is considered dead")
                    state = .closing(error)
                    return actions + [.close(error)]
                }
                actions.append(.failTimedOut(stream: stream))
            }
            if requests.orphanCount > configuration.maxOrphans {
                let error = CassandraError(.connectionClosed, "\(requests.orphanCount) timed-out requests hold stream ids; recycling the connection")
                state = .closing(error)
                return actions + [.close(error)]
            }
            if let interval = configuration.heartbeatInterval, requests.heartbeatStream == nil,
               lastReadAt.map({ now - $0 >= interval }) ?? true,
               let stream = requests.insert(.heartbeat, deadline: now + configuration.heartbeatTimeout) {
                lastReadAt = now
                actions.append(.sendHeartbeat(stream: stream))
            }
            return actions
        }

        // MARK: Closing

        /// The owner asked to close.
        /// - Returns: whether the socket must be closed now (`false` when already closing).
        mutating func closeRequested(_ error: CassandraError) -> Bool {
            switch state {
            case .idle, .handshaking, .ready:
                state = .closing(error)
                return true
            case .closing, .closed:
                return false
            }
        }

        /// A frame could not be decoded: the stream is unusable.
        mutating func decodeFailed(_ error: CassandraError) -> Bool {
            closeRequested(error)
        }

        /// The socket closed. Every waiting request fails with the reason the connection was
        /// closed for, or with `error` when it closed on its own.
        mutating func closed(_ error: CassandraError) -> ClosedAction {
            let reason: CassandraError
            switch state {
            case .closed:
                return .none
            case .closing(let closingError):
                reason = closingError
            case .idle, .handshaking, .ready:
                reason = error
            }
            state = .closed(reason)
            let streams = requests.activeStreams
            for stream in streams { _ = requests.remove(stream) }
            return .failAll(streams: streams, reason)
        }
    }
}
