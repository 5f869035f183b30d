import CLibUV

/// A TCP socket on an ``EventLoop``: a client connection from ``connect(host:port:on:timeout:)`` or
/// a server-side connection handed out by ``TCPListener``.
///
/// Bytes arrive through the `onRead` handler given to ``startReading(onRead:onClose:)``, on the
/// loop thread, as an `UnsafeRawBufferPointer` into the loop's read buffer: no copy is made, and
/// the pointer is valid only during the call. Bytes leave through ``write(_:completion:)`` and
/// ``write(contentsOf:completion:)``: all writes of one loop iteration are coalesced into one
/// vectored write, which tries a synchronous `uv_try_write` first, and the arrays are kept alive,
/// not copied, until libuv is done with them.
///
/// ```swift
/// let connection = try await TCPConnection.connect(host: "127.0.0.1", port: 9042, on: loop)
/// connection.startReading(onRead: { bytes in decoder.feed(bytes) },
///                         onClose: { reason in pool.connectionClosed(reason) })
/// connection.write(startupFrame)
/// ```
///
/// ## Thread safety
/// - Safe from any thread: ``startReading(onRead:onClose:)``, ``write(_:completion:)``,
///   ``write(contentsOf:completion:)``, ``pendingWriteBytes``, ``close()``. Writes issued off the
///   loop are queued and joined to the loop's batch, in the order they were made.
/// - Loop thread only: ``isOpen``.
/// - Handlers and write completions always run on the loop thread.
///
/// A connection that was never closed keeps itself alive until its loop shuts down.
///
/// `@unchecked Sendable`: the handle and the state are touched only on the loop thread; the
/// cross-thread write queue and the byte counters are guarded by `lock`.
public final class TCPConnection: @unchecked Sendable, LoopHandleOwner {
    /// Why a connection closed, passed to the `onClose` handler.
    public enum CloseReason: Sendable, Hashable, CustomStringConvertible {
        /// ``TCPConnection/close()`` was called.
        case closedLocally
        /// The peer closed the connection (end of file).
        case peerClosed
        /// A read or write failed.
        case failed(UVError)
        /// The connection's ``EventLoop`` shut down.
        case loopShutdown

        /// A short English description.
        public var description: String {
            switch self {
            case .closedLocally: "closed locally"
            case .peerClosed: "closed by peer"
            case .failed(let error): "failed: \(error)"
            case .loopShutdown: "event loop shut down"
            }
        }
    }

    enum State {
        /// Handle initialised, `uv_tcp_connect` pending.
        case connecting
        case open
        case closing
        case closed
    }

    /// The loop the connection's callbacks run on.
    public let eventLoop: EventLoop
    /// The remote host as given to ``connect(host:port:on:timeout:)``; `nil` for accepted connections.
    public let host: String?
    /// The remote port as given to ``connect(host:port:on:timeout:)``; `nil` for accepted connections.
    public let port: Int?

    /// Valid until `handleDidClose`; only touched on the loop thread.
    let handle: UnsafeMutablePointer<uv_tcp_t>
    var stream: UnsafeMutablePointer<uv_stream_t> {
        UnsafeMutableRawPointer(handle).assumingMemoryBound(to: uv_stream_t.self)
    }

    // The state each write touches is `@exclusivity(unchecked)`: it is confined to the loop
    // thread or to `lock`, never accessed re-entrantly, so Swift's dynamic exclusivity checks
    // on class properties cannot fire and would only cost time on every write.
    // Loop thread only.
    @exclusivity(unchecked) var state: State = .connecting
    private var closeReason: CloseReason = .closedLocally
    private var onRead: (@Sendable (UnsafeRawBufferPointer) -> Void)?
    private var onClose: (@Sendable (CloseReason) -> Void)?
    var writeRequestPool: [WriteRequest] = []
    var libuvQueuedBytesSnapshot = 0
    /// Writes made on the loop during this iteration, flushed by the loop at its end.
    @exclusivity(unchecked) var batch: WriteRequest?

    // Guarded by `lock`.
    let lock = Lock()
    @exclusivity(unchecked) var pendingBuffers: [[UInt8]] = []
    @exclusivity(unchecked) var pendingCompletions: [@Sendable (UVError?) -> Void] = []
    @exclusivity(unchecked) var pendingBytes = 0
    var flushScheduled = false
    @exclusivity(unchecked) var batchedBytes = 0
    var libuvQueuedBytes = 0

    /// Creates the libuv handle. Loop thread only; the caller has checked `isAcceptingHandles`.
    init(loop: EventLoop, host: String?, port: Int?) {
        loop.assertInEventLoop()
        eventLoop = loop
        self.host = host
        self.port = port
        handle = LoopHandle.allocate(uv_tcp_t.self)
        uv_tcp_init(loop.rawLoop, handle)
        LoopHandle.attach(self, to: LoopHandle.base(handle))
    }

    /// Marks a connected or accepted socket open and turns Nagle's algorithm off. Loop thread only.
    func didConnect() {
        uv_tcp_nodelay(handle, 1)
        state = .open
    }

    /// Whether the connection is open: connected and neither closing nor closed. Loop thread only.
    public var isOpen: Bool {
        eventLoop.assertInEventLoop()
        return state == .open
    }

    /// Starts delivering received bytes, and sets the handler told when the connection closes.
    ///
    /// Safe from any thread; the handlers run on the loop thread. Until this is called, received
    /// bytes wait in the kernel. Calling it again replaces both handlers. If the connection has
    /// already closed, `onClose` runs right away with the reason; if the loop has stopped, it runs
    /// on the calling thread with ``CloseReason/loopShutdown``.
    /// - Parameters:
    ///   - onRead: receives each chunk of bytes. The buffer is the loop's shared read buffer and is
    ///     valid only during the call: copy what must outlive it.
    ///   - onClose: called once, after the socket is closed, with the reason. Pending writes have
    ///     completed (with ``UVError/Code/cancelled`` if they could not be sent) by then.
    public func startReading(
        onRead: @escaping @Sendable (UnsafeRawBufferPointer) -> Void,
        onClose: @escaping @Sendable (CloseReason) -> Void
    ) {
        if eventLoop.inEventLoop {
            startReadingOnLoop(onRead: onRead, onClose: onClose)
        } else if !eventLoop.execute({ self.startReadingOnLoop(onRead: onRead, onClose: onClose) }) {
            onClose(.loopShutdown)
        }
    }

    private func startReadingOnLoop(
        onRead: @escaping @Sendable (UnsafeRawBufferPointer) -> Void,
        onClose: @escaping @Sendable (CloseReason) -> Void
    ) {
        switch state {
        case .closed:
            onClose(closeReason)
        case .closing:
            self.onClose = onClose
        case .connecting, .open:
            self.onRead = onRead
            self.onClose = onClose
            let rc = uv_read_start(stream, { handle, _, buffer in
                let connection = LoopHandle.owner(of: handle!, as: TCPConnection.self)
                buffer!.pointee = uv_buf_t(base: connection.eventLoop.readBuffer, len: EventLoop.readBufferSize)
            }, { stream, count, buffer in
                let connection = LoopHandle.owner(of: LoopHandle.base(stream!), as: TCPConnection.self)
                connection.didRead(count: count, buffer: buffer!.pointee)
            })
            if rc != 0 {
                close(reason: .failed(UVError(rc, operation: "read", host: host, port: port)))
            }
        }
    }

    private func didRead(count: Int, buffer: uv_buf_t) {
        if count > 0 {
            // What the reader wakes up (callers answering responses) is submitted back while the
            // loop is still awake: it runs before the loop blocks, without an eventfd signal.
            eventLoop.markAwake()
            onRead?(UnsafeRawBufferPointer(start: buffer.base, count: count))
        } else if count == Int(UV_EOF.rawValue) {
            close(reason: .peerClosed)
        } else if count < 0 {
            close(reason: .failed(UVError(Int32(count), operation: "read", host: host, port: port)))
        }
    }

    /// Closes the connection. Idempotent; safe from any thread.
    ///
    /// Writes still queued complete with ``UVError/Code/cancelled``; then `onClose` runs with
    /// ``CloseReason/closedLocally`` (unless the connection was already closing for another reason).
    public func close() {
        if eventLoop.inEventLoop {
            close(reason: .closedLocally)
        } else {
            eventLoop.execute { self.close(reason: .closedLocally) }
        }
    }

    /// Starts closing the handle; the first reason wins. Loop thread only.
    func close(reason: CloseReason) {
        switch state {
        case .closing, .closed:
            return
        case .connecting, .open:
            state = .closing
            closeReason = reason
            LoopHandle.close(LoopHandle.base(handle))
        }
    }

    func closeForLoopShutdown() {
        close(reason: .loopShutdown)
    }

    func handleDidClose() {
        state = .closed
        LoopHandle.free(handle)
        let onClose = self.onClose
        self.onRead = nil
        self.onClose = nil
        failBatch()
        writeRequestPool.removeAll()
        failPendingWrites()
        onClose?(closeReason)
    }
}
