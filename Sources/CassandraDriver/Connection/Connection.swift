import CQLProtocol
import Logging
import Synchronization
import UVLoop

/// One native-protocol connection to one node: the IO shell around ``Connection/StateMachine``
/// on a ``UVLoop/EventLoop``.
///
/// ## The request path
/// A caller encodes its request frame in its own task (stream id 0 as a placeholder) and calls
/// ``send(_:deadline:)``. The frame joins a mutex-protected submission queue; only the
/// submission that finds the queue empty wakes the loop, so a burst of requests from many tasks
/// costs one wake-up. On the loop thread, ``flushSubmissions()`` takes a stream id for each
/// frame from the state machine, patches it into the header in place and hands all frames to
/// one vectored `uv_write`. Each read is parsed in one pass: every complete frame resumes its
/// waiting continuation directly on the loop thread, and the caller decodes the body in its own
/// task. No task, timer or lock is created per request: one repeating timer per connection
/// sweeps a deadline heap for timeouts and sends heartbeats.
///
/// ## Backpressure and cancellation
/// When every stream id is taken, further requests wait in FIFO order (bounded by their own
/// deadlines) until responses free ids. A cancelled caller is resumed at once with
/// ``CassandraError/Code/cancelled``; its stream id stays taken until the late response
/// arrives and is dropped, so it can never be confused with a newer request.
///
/// ## Thread safety
/// ``send(_:deadline:)``, ``close()``, ``inFlightCount`` and ``frameEncoder`` are safe from any
/// thread. Everything marked "loop only" is touched only on ``eventLoop``'s thread.
final class Connection: @unchecked Sendable {
    typealias ResponseContinuation = UnsafeContinuation<Frame, any Error>

    /// A request waiting for a stream id or a response.
    struct Request {
        var bytes: [UInt8]
        let deadline: MonotonicInstant
        let sequence: UInt64
        let continuation: ResponseContinuation
    }

    /// Requests and cancellations submitted from other threads, guarded by `submissions`.
    struct SubmissionQueue: ~Copyable {
        var requests: [Request] = []
        var cancellations: [UInt64] = []
        var flushScheduled = false
    }

    /// The outcome of the handshake, reported to ``connect(configuration:on:logger:onEvent:)``.
    enum HandshakeOutcome: Sendable {
        case ready
        case retry(protocolVersion: UInt8)
        case failed(CassandraError)
    }

    /// The loop that owns the socket and runs every callback.
    let eventLoop: EventLoop
    /// How the connection was opened.
    let configuration: Configuration
    /// `host:port`.
    let node: String
    let logger: Logger

    /// Encodes request frames with the negotiated version and compression. Written on the loop
    /// during the handshake, before ``connect(configuration:on:logger:onEvent:)`` returns the
    /// connection; read-only afterwards, from any thread.
    @exclusivity(unchecked) private(set) var frameEncoder: FrameEncoder

    private let submissions = Mutex(SubmissionQueue())
    /// Runs ``flushSubmissions()`` on the loop; made once, so that scheduling a flush allocates
    /// no closure. Set at the end of `init` (it captures `self`), read-only afterwards.
    private var flushWork: (@Sendable () -> Void)!
    private let sequenceCounter = Atomic<UInt64>(0)
    private let inFlight = Atomic<Int>(0)
    private let closedFlag = Atomic<Bool>(false)
    /// The session's keyspace generation this connection was last switched to (`USE`); see
    /// ``Session/use(keyspace:)``. Any thread.
    let keyspaceGeneration = Atomic<Int>(0)

    // `@exclusivity(unchecked)` on the request path's state: it is touched only on the loop
    // thread (or, for `frameEncoder`, read-only after the handshake), never across a
    // suspension or re-entrantly inside a mutation of itself, so the dynamic exclusivity
    // checks Swift makes on class properties (about 15 per request, ~6% of the client's
    // instructions per request under callgrind) cannot fire and are skipped.
    // Loop only.
    @exclusivity(unchecked) var machine: StateMachine
    let socket: TCPConnection
    @exclusivity(unchecked) private var decoder: FrameDecoder
    @exclusivity(unchecked) private var readBuffer = CQLBuffer(capacity: 64 * 1024)
    @exclusivity(unchecked) var continuations: [ResponseContinuation?]
    @exclusivity(unchecked) var sequences: [UInt64]
    @exclusivity(unchecked) var waiters = RequestQueue()
    private var drainedRequests: [Request] = []
    private var drainedCancellations: [UInt64] = []
    @exclusivity(unchecked) var pendingWrites: [[UInt8]] = []
    /// Cancellations that arrived before their request (a race with submission); bounded.
    @exclusivity(unchecked) var earlyCancellations: [UInt64] = []
    var tickTimer: EventLoopTimer?
    /// Whether bytes arrived since the last ``tick()``.
    @exclusivity(unchecked) var hasReadSinceTick = false
    private var handshakeTimer: EventLoopTimer?
    private var handshakeContinuation: CheckedContinuation<HandshakeOutcome, Never>?
    private let onEvent: (@Sendable (ResponseMessage.Event) -> Void)?
    private var closeHandlers: [@Sendable (CassandraError) -> Void] = []
    private var closeWaiters: [CheckedContinuation<Void, Never>] = []
    private var closeReason: CassandraError?

    private init(socket: TCPConnection, configuration: Configuration, logger: Logger,
                 onEvent: (@Sendable (ResponseMessage.Event) -> Void)?) {
        self.socket = socket
        eventLoop = socket.eventLoop
        self.configuration = configuration
        node = configuration.endpointDescription
        self.logger = logger
        self.onEvent = onEvent
        frameEncoder = FrameEncoder(version: configuration.protocolVersion)
        decoder = FrameDecoder(maximumFrameLength: configuration.maximumFrameLength)
        machine = StateMachine(configuration: configuration.limits)
        let capacity = machine.requests.capacity
        continuations = Array(repeating: nil, count: capacity)
        sequences = Array(repeating: 0, count: capacity)
        flushWork = { [weak self] in self?.flushSubmissions() }
    }

    // MARK: Opening

    /// Opens a TCP connection and completes the handshake, downgrading to protocol v3 when the
    /// server asks for it.
    /// - Parameters:
    ///   - configuration: where to connect and how.
    ///   - loop: the loop that will own the connection.
    ///   - logger: receives connection-level events (never per request).
    ///   - onEvent: receives server EVENTs (only with `configuration.events` set).
    /// - Returns: a ready connection.
    /// - Throws: ``CassandraError`` with ``CassandraError/Code/connectFailed``,
    ///   ``CassandraError/Code/connectTimeout``, ``CassandraError/Code/authentication``,
    ///   ``CassandraError/Code/unsupportedProtocolVersion`` or ``CassandraError/Code/server``.
    static func connect(
        configuration: Configuration,
        on loop: EventLoop,
        logger: Logger,
        onEvent: (@Sendable (ResponseMessage.Event) -> Void)? = nil
    ) async throws -> Connection {
        var configuration = configuration
        while true {
            let socket: TCPConnection
            do {
                socket = try await TCPConnection.connect(host: configuration.host, port: configuration.port, on: loop,
                                                         timeout: configuration.connectTimeout)
            } catch let error as UVError {
                let code: CassandraError.Code = error.code == .timedOut ? .connectTimeout : .connectFailed
                throw CassandraError(code, "could not connect to \(configuration.endpointDescription): \(error.code.message); check the contact point and that the node listens on the native port",
                                     node: configuration.endpointDescription, underlying: error)
            }
            let connection = Connection(socket: socket, configuration: configuration, logger: logger, onEvent: onEvent)
            switch await connection.handshake() {
            case .ready:
                logger.debug("connection ready", metadata: [
                    CassandraLogKey.node.rawValue: "\(connection.node)",
                    CassandraLogKey.protocolVersion.rawValue: "\(connection.frameEncoder.version)",
                ])
                return connection
            case .retry(let version):
                logger.debug("server asked for an older protocol version", metadata: [
                    CassandraLogKey.node.rawValue: "\(connection.node)",
                    CassandraLogKey.protocolVersion.rawValue: "\(version)",
                ])
                configuration.protocolVersion = version
            case .failed(let error):
                throw error.adding(node: configuration.endpointDescription, statement: nil)
            }
        }
    }

    private func handshake() async -> HandshakeOutcome {
        await withCheckedContinuation { continuation in
            let accepted = eventLoop.execute { self.startHandshake(continuation) }
            if !accepted {
                continuation.resume(returning: .failed(CassandraError(.shutdown, "the event loop has shut down")))
            }
        }
    }

    /// Loop only.
    private func startHandshake(_ continuation: CheckedContinuation<HandshakeOutcome, Never>) {
        handshakeContinuation = continuation
        socket.startReading(
            onRead: { [self] bytes in didRead(bytes) },
            onClose: { [self] reason in socketClosed(reason) })
        handshakeTimer = eventLoop.scheduleTimer(after: configuration.connectTimeout) { [weak self] in
            guard let self, machine.isHandshaking else { return }
            closeOnLoop(CassandraError(.connectTimeout, "the handshake with \(node) took longer than \(configuration.connectTimeout)"))
        }
        run(machine.connected(handshake: configuration.handshakeOptions))
    }

    /// Runs a handshake action. Loop only.
    private func run(_ action: HandshakeStateMachine.Action) {
        switch action {
        case .sendOptions:
            writeHandshake(.options)
        case .sendStartup(let compression):
            writeHandshake(.startup(.init(compression: compression)))
            if compression != nil {
                frameEncoder.compressor = LZ4Compressor()
                decoder.compressor = LZ4Compressor()
            }
        case .sendAuthResponse(let token):
            writeHandshake(.authResponse(.init(token: token)))
        case .sendRegister(let events):
            writeHandshake(.register(.init(eventTypes: events)))
        case .completed:
            handshakeTimer?.cancel()
            handshakeTimer = nil
            tickTimer = eventLoop.scheduleTimer(after: configuration.tickInterval, repeating: configuration.tickInterval) {
                [weak self] in self?.tick()
            }
            finishHandshake(.ready)
        case .retryWithProtocolVersion(let version):
            finishHandshake(.retry(protocolVersion: version))
            socket.close()
        case .fail(let error):
            finishHandshake(.failed(error))
            socket.close()
        }
    }

    private func finishHandshake(_ outcome: HandshakeOutcome) {
        let continuation = handshakeContinuation
        handshakeContinuation = nil
        continuation?.resume(returning: outcome)
    }

    private func writeHandshake(_ message: RequestMessage) {
        var buffer = CQLBuffer(capacity: 64)
        do {
            try frameEncoder.encode(message, stream: 0, into: &buffer)
        } catch {
            closeOnLoop(CassandraError(.protocolViolation, "could not encode \(message.opcode): \(error)", underlying: error))
            return
        }
        socket.write((consume buffer).bytes)
    }

    // MARK: Reading

    /// Parses every complete frame of this read and routes it. Loop only.
    private func didRead(_ chunk: UnsafeRawBufferPointer) {
        readBuffer.writeRawBytes(chunk)
        // The heartbeat's idle clock needs no more precision than the tick: `tick()` reports
        // the read, so a read costs no clock call.
        hasReadSinceTick = true
        while closeReason == nil {
            let frame: Frame?
            do {
                frame = try decoder.decode(from: &readBuffer)
            } catch {
                closeOnLoop(CassandraError(.protocolViolation, "undecodable frame from \(node): \(error.message)", node: node,
                                           underlying: error))
                return
            }
            guard let frame else { break }
            route(frame)
        }
        readBuffer.discardReadBytes()
        admitWaiters()
        flushWrites()
    }

    private func route(_ frame: Frame) {
        let stream = frame.header.stream
        if stream < 0 {
            deliverEvent(frame)
        } else if machine.isHandshaking {
            do {
                run(machine.handshakeMessageReceived(try frame.decodeResponse(allowTrailingBytes: true)))
            } catch {
                closeOnLoop(CassandraError(.protocolViolation, "undecodable handshake response: \(error)", underlying: error))
            }
        } else {
            switch machine.responseReceived(stream: stream) {
            case .succeed(let stream):
                let continuation = continuations[Int(stream)]
                continuations[Int(stream)] = nil
                continuation?.resume(returning: frame)
            case .drop:
                break
            case .close(let error):
                closeOnLoop(error.adding(node: node, statement: nil))
            }
        }
    }

    private func deliverEvent(_ frame: Frame) {
        guard let onEvent, case .event(let event)? = try? frame.decodeResponse(allowTrailingBytes: true) else { return }
        onEvent(event)
    }

    // MARK: Closing

    /// Closes the connection; every waiting request fails with ``CassandraError/Code/connectionClosed``.
    /// Idempotent; safe from any thread.
    func close() {
        let error = CassandraError(.connectionClosed, "the connection to \(node) was closed by the driver", node: node)
        if eventLoop.inEventLoop {
            closeOnLoop(error)
        } else if !eventLoop.execute({ self.closeOnLoop(error) }) {
            failQueuedSubmissions(CassandraError(.shutdown, "the event loop has shut down", node: node))
        }
    }

    /// Closes the connection and waits until its socket is closed and every request failed.
    func closeAndWait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let accepted = eventLoop.execute {
                if self.closeReason != nil && self.machine.requests.count == 0 && self.socketIsClosed {
                    continuation.resume()
                } else {
                    self.closeWaiters.append(continuation)
                    self.closeOnLoop(CassandraError(.connectionClosed, "the connection to \(self.node) was closed by the driver", node: self.node))
                }
            }
            if !accepted { continuation.resume() }
        }
    }

    /// Registers a handler called once when the connection closes, with the reason. Runs at
    /// once (on the loop) if it has closed already.
    func onClose(_ handler: @escaping @Sendable (CassandraError) -> Void) {
        eventLoop.execute {
            if self.socketIsClosed, let reason = self.closeReason {
                handler(reason)
            } else {
                self.closeHandlers.append(handler)
            }
        }
    }

    /// Whether the connection has closed or is closing; safe from any thread.
    var isClosed: Bool { closedFlag.load(ordering: .relaxed) }

    /// Requests this connection carries now (sent and waiting), for least-busy leasing; any thread.
    var inFlightCount: Int { inFlight.load(ordering: .relaxed) }

    private var socketIsClosed = false

    /// Loop only.
    func closeOnLoop(_ error: CassandraError) {
        guard closeReason == nil else { return }
        closeReason = error
        _ = machine.closeRequested(error)
        closedFlag.store(true, ordering: .relaxed)
        socket.close()
    }

    /// The socket's close callback: fail everything, tell the owner. Loop only.
    private func socketClosed(_ reason: TCPConnection.CloseReason) {
        socketIsClosed = true
        closedFlag.store(true, ordering: .relaxed)
        tickTimer?.cancel()
        handshakeTimer?.cancel()
        var error = CassandraError(.connectionClosed, "the connection to \(node) closed (\(reason)); the request may or may not have been applied",
                                   node: node)
        if case .failed(let uvError) = reason { error.underlying = uvError }
        if case .loopShutdown = reason { error = CassandraError(.shutdown, "the event loop shut down", node: node) }
        if case .failAll(let streams, let failure) = machine.closed(error) {
            error = failure.adding(node: node, statement: nil)
            for stream in streams {
                let continuation = continuations[Int(stream)]
                continuations[Int(stream)] = nil
                continuation?.resume(throwing: error)
            }
        }
        closeReason = closeReason ?? error
        if machine.isHandshaking || handshakeContinuation != nil {
            finishHandshake(.failed(closeReason!))
        }
        while let waiter = waiters.popFirst() {
            waiter.continuation.resume(throwing: error)
        }
        failQueuedSubmissions(error)
        logger.debug("connection closed", metadata: [CassandraLogKey.node.rawValue: "\(node)",
                                                     CassandraLogKey.error.rawValue: "\(String(reflecting: error))"])
        let handlers = closeHandlers
        closeHandlers = []
        for handler in handlers { handler(error) }
        let closeWaiters = self.closeWaiters
        self.closeWaiters = []
        for waiter in closeWaiters { waiter.resume() }
    }

    // MARK: Submission queue (any thread)

    /// Queues a request or cancellation; wakes the loop only when the queue was empty.
    ///
    /// On the loop thread itself (a task that prefers the loop's task executor) the request is
    /// admitted at once instead: its frame joins the write batch of the current iteration.
    func enqueue(request: consuming Request?, cancellation: UInt64?) {
        var request = request
        if eventLoop.inEventLoop {
            if var submitted = request.take() {
                accept(&submitted)
                flushWrites()
            }
            if let cancellation { cancel(sequence: cancellation) }
            return
        }
        let shouldSchedule = submissions.withLock { queue -> Bool in
            if let submitted = request.take() { queue.requests.append(submitted) }
            if let cancellation { queue.cancellations.append(cancellation) }
            if queue.flushScheduled { return false }
            queue.flushScheduled = true
            return true
        }
        if shouldSchedule && !eventLoop.execute(flushWork) {
            failQueuedSubmissions(CassandraError(.shutdown, "the event loop has shut down", node: node))
        }
    }

    /// Fails everything still in the submission queue. Any thread.
    private func failQueuedSubmissions(_ error: CassandraError) {
        let requests = submissions.withLock { queue -> [Request] in
            let requests = queue.requests
            queue.requests.removeAll()
            queue.cancellations.removeAll()
            queue.flushScheduled = false
            return requests
        }
        for request in requests { request.continuation.resume(throwing: error) }
    }

    /// Next request sequence number (identifies a request for cancellation). Any thread.
    func nextSequence() -> UInt64 {
        sequenceCounter.wrappingAdd(1, ordering: .relaxed).newValue
    }

    func requestStarted() { inFlight.wrappingAdd(1, ordering: .relaxed) }
    func requestFinished() { inFlight.wrappingSubtract(1, ordering: .relaxed) }

    // MARK: Admission (loop only)

    /// Takes everything submitted so far: requests get stream ids and are written in one
    /// vectored write; then cancellations are applied. Loop only.
    private func flushSubmissions() {
        submissions.withLock { queue in
            swap(&queue.requests, &drainedRequests)
            swap(&queue.cancellations, &drainedCancellations)
            queue.flushScheduled = false
        }
        for index in drainedRequests.indices {
            accept(&drainedRequests[index])
        }
        drainedRequests.removeAll(keepingCapacity: drainedRequests.capacity <= 4096)
        flushWrites()
        for sequence in drainedCancellations { cancel(sequence: sequence) }
        drainedCancellations.removeAll(keepingCapacity: true)
    }

    /// Fails a request cancelled before it got here, or admits it, or parks it behind the
    /// requests already waiting for a stream id. Loop only.
    private func accept(_ request: inout Request) {
        if !earlyCancellations.isEmpty, let position = earlyCancellations.firstIndex(of: request.sequence) {
            earlyCancellations.remove(at: position)
            request.continuation.resume(throwing: Self.cancelledError)
        } else if waiters.isEmpty {
            admit(&request)
        } else {
            waiters.append(request)
        }
    }

    /// Gives `request` a stream id and queues its bytes, or parks it. Loop only.
    private func admit(_ request: inout Request) {
        switch machine.requestSubmitted(deadline: request.deadline) {
        case .write(let stream):
            // Patch the stream id (header bytes 2–3) in place: the caller handed over the only
            // reference, so this does not copy.
            request.bytes[2] = UInt8(truncatingIfNeeded: UInt16(bitPattern: stream) >> 8)
            request.bytes[3] = UInt8(truncatingIfNeeded: UInt16(bitPattern: stream))
            continuations[Int(stream)] = request.continuation
            sequences[Int(stream)] = request.sequence
            pendingWrites.append(request.bytes)
        case .wait:
            waiters.append(request)
        case .fail(let error):
            request.continuation.resume(throwing: error.adding(node: node, statement: nil))
        }
    }

    /// Moves parked requests onto freed stream ids. Loop only.
    private func admitWaiters() {
        while !waiters.isEmpty && !machine.requests.isFull {
            var request = waiters.popFirst()!
            admit(&request)
        }
    }

    /// Hands every admitted frame to the socket in one vectored write. Loop only.
    private func flushWrites() {
        guard !pendingWrites.isEmpty else { return }
        socket.write(contentsOf: pendingWrites)
        pendingWrites.removeAll(keepingCapacity: pendingWrites.capacity <= 4096)
    }

    static let cancelledError = CassandraError(.cancelled, "the task waiting for the response was cancelled",
                                               underlying: CancellationError())
}
