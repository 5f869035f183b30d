import CLibUV

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A listening TCP socket that hands each accepted connection to a handler.
///
/// ```swift
/// let listener = try await TCPListener.bind(host: "127.0.0.1", port: 0, on: group.next(),
///                                           distributingTo: group) { connection in
///     connection.startReading(onRead: { bytes in connection.write(Array(bytes)) },
///                             onClose: { _ in })
/// }
/// let port = listener.port   // the ephemeral port picked by the kernel
/// ```
///
/// Connections are accepted on the listener's loop. With `distributingTo`, each one is moved to
/// the group's next loop (round-robin; the socket is duplicated and reopened there) before the
/// handler sees it. Accept errors such as `EMFILE` drop that connection and keep listening.
///
/// ## Thread safety
/// ``close()``, ``host`` and ``port`` are safe from any thread. The `onAccept` handler runs on the
/// loop that owns the new connection.
///
/// `@unchecked Sendable`: the handle and handler are touched only on the loop thread; the rest is
/// immutable.
public final class TCPListener: @unchecked Sendable, LoopHandleOwner {
    /// The loop that accepts.
    public let eventLoop: EventLoop
    /// The host the listener is bound to.
    public let host: String
    /// The port the listener is bound to, as reported by `uv_tcp_getsockname` (so the real port
    /// when 0 was asked for).
    public let port: Int

    private let handle: UnsafeMutablePointer<uv_tcp_t>
    private let childLoops: EventLoopGroup?
    // Loop thread only.
    private var onAccept: (@Sendable (TCPConnection) -> Void)?
    private var isOpen = true

    /// Binds and starts listening.
    /// - Parameters:
    ///   - host: an IPv4 or IPv6 literal, such as `127.0.0.1` or `::1`.
    ///   - port: the port, or 0 for an ephemeral port (read it from ``port``).
    ///   - loop: the loop that accepts.
    ///   - group: when given, accepted connections are spread over its loops round-robin;
    ///     otherwise they stay on `loop`.
    ///   - backlog: the kernel's queue length for connections not yet accepted.
    ///   - onAccept: receives each new open connection, on that connection's loop. Call
    ///     ``TCPConnection/startReading(onRead:onClose:)`` to receive from it.
    /// - Returns: the listening socket.
    /// - Throws: ``UVError`` with `operation` `bind`: ``UVError/Code/invalidArgument``
    ///   if `host` is not an IP literal, ``UVError/Code/addressInUse``, or
    ///   ``UVError/Code/cancelled`` if the loop is shutting down.
    public static func bind(
        host: String,
        port: Int,
        on loop: EventLoop,
        distributingTo group: EventLoopGroup? = nil,
        backlog: Int = 128,
        onAccept: @escaping @Sendable (TCPConnection) -> Void
    ) async throws -> TCPListener {
        try await loop.submit {
            try TCPListener.open(host: host, port: port, loop: loop, group: group, backlog: backlog, onAccept: onAccept)
        }
    }

    /// Creates, binds and listens. Loop thread only.
    private static func open(
        host: String, port: Int, loop: EventLoop, group: EventLoopGroup?, backlog: Int,
        onAccept: @escaping @Sendable (TCPConnection) -> Void
    ) throws -> TCPListener {
        guard loop.isAcceptingHandles else {
            throw UVError(code: .cancelled, operation: "bind", host: host, port: port)
        }
        guard let address = SocketAddress.literal(host: host, port: port) else {
            throw UVError(code: .invalidArgument, operation: "bind", host: host, port: port)
        }
        let handle = LoopHandle.allocate(uv_tcp_t.self)
        uv_tcp_init(loop.rawLoop, handle)
        let stream = UnsafeMutableRawPointer(handle).assumingMemoryBound(to: uv_stream_t.self)
        // libuv reports a bind failure such as EADDRINUSE only at `uv_listen`, so bind and listen
        // before reading the port. The callback cannot run before this loop turn ends, by which
        // time the listener is attached to the handle.
        var rc = SocketAddress.withSockaddr(address) { uv_tcp_bind(handle, $0, 0) }
        if rc == 0 {
            rc = uv_listen(stream, Int32(clamping: backlog)) { server, status in
                LoopHandle.owner(of: LoopHandle.base(server!), as: TCPListener.self).accept(status: status)
            }
        }
        guard rc == 0, let boundPort = SocketAddress.localPort(of: handle) else {
            LoopHandle.closeUnowned(LoopHandle.base(handle))
            throw UVError(rc == 0 ? UV_EINVAL.rawValue : rc, operation: "bind", host: host, port: port)
        }
        return TCPListener(loop: loop, host: host, port: boundPort, handle: handle, group: group, onAccept: onAccept)
    }

    private init(
        loop: EventLoop, host: String, port: Int, handle: UnsafeMutablePointer<uv_tcp_t>,
        group: EventLoopGroup?, onAccept: @escaping @Sendable (TCPConnection) -> Void
    ) {
        eventLoop = loop
        self.host = host
        self.port = port
        self.handle = handle
        childLoops = group
        self.onAccept = onAccept
        LoopHandle.attach(self, to: LoopHandle.base(handle))
    }

    /// Stops listening. Idempotent; safe from any thread. Accepted connections stay open.
    public func close() {
        if eventLoop.inEventLoop {
            closeOnLoop()
        } else {
            eventLoop.execute { self.closeOnLoop() }
        }
    }

    private func closeOnLoop() {
        guard isOpen else { return }
        isOpen = false
        onAccept = nil
        LoopHandle.close(LoopHandle.base(handle))
    }

    func closeForLoopShutdown() {
        closeOnLoop()
    }

    func handleDidClose() {
        LoopHandle.free(handle)
    }

    private var stream: UnsafeMutablePointer<uv_stream_t> {
        UnsafeMutableRawPointer(handle).assumingMemoryBound(to: uv_stream_t.self)
    }

    /// The connection callback: accept one connection. Loop thread only.
    private func accept(status: Int32) {
        guard status == 0, isOpen, let onAccept else { return }
        let target = childLoops?.next() ?? eventLoop
        if target === eventLoop {
            let connection = TCPConnection(loop: eventLoop, host: nil, port: nil)
            guard uv_accept(stream, connection.stream) == 0 else {
                connection.close(reason: .closedLocally)
                return
            }
            connection.didConnect()
            onAccept(connection)
        } else {
            acceptOnto(target, onAccept: onAccept)
        }
    }

    /// Accepts into a temporary handle and reopens a duplicate of its socket on `target`:
    /// a libuv handle cannot move between loops, a file descriptor can.
    private func acceptOnto(_ target: EventLoop, onAccept: @escaping @Sendable (TCPConnection) -> Void) {
        let temporary = LoopHandle.allocate(uv_tcp_t.self)
        uv_tcp_init(eventLoop.rawLoop, temporary)
        let temporaryStream = UnsafeMutableRawPointer(temporary).assumingMemoryBound(to: uv_stream_t.self)
        var descriptor: uv_os_fd_t = -1
        let accepted = uv_accept(stream, temporaryStream) == 0
            && uv_fileno(LoopHandle.base(temporary), &descriptor) == 0
        let duplicate = accepted ? dup(descriptor) : -1
        LoopHandle.closeUnowned(LoopHandle.base(temporary))
        guard duplicate >= 0 else { return }
        let handedOver = target.execute {
            guard let connection = TCPConnection.adopting(descriptor: duplicate, on: target) else { return }
            onAccept(connection)
        }
        if !handedOver {
            _ = SystemCall.close(duplicate)
        }
    }
}

extension TCPConnection {
    /// Wraps an already connected socket descriptor; closes it on failure. Loop thread only.
    static func adopting(descriptor: Int32, on loop: EventLoop) -> TCPConnection? {
        guard loop.isAcceptingHandles else {
            _ = SystemCall.close(descriptor)
            return nil
        }
        let connection = TCPConnection(loop: loop, host: nil, port: nil)
        guard uv_tcp_open(connection.handle, uv_os_sock_t(descriptor)) == 0 else {
            _ = SystemCall.close(descriptor)
            connection.close(reason: .closedLocally)
            return nil
        }
        connection.didConnect()
        return connection
    }
}

/// libc calls whose names clash with methods of this module.
enum SystemCall {
    static func close(_ descriptor: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(descriptor)
        #elseif canImport(Musl)
        Musl.close(descriptor)
        #else
        Darwin.close(descriptor)
        #endif
    }
}
