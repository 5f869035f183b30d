import CLibUV

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension TCPConnection {
    /// Opens a TCP connection with `TCP_NODELAY` on.
    ///
    /// IP literals (`127.0.0.1`, `::1`) are used as they are; names are resolved with
    /// `uv_getaddrinfo` and each address is tried in turn until one accepts.
    /// - Parameters:
    ///   - host: an IPv4/IPv6 literal or a host name.
    ///   - port: the remote port.
    ///   - loop: the loop that will own the connection and run its handlers.
    ///   - timeout: limit for resolving and connecting together; rounded up to milliseconds.
    /// - Returns: the open connection; call ``startReading(onRead:onClose:)`` to receive.
    /// - Throws: ``UVError`` with `operation` `connect` (or `resolve`) and the host and port:
    ///   ``UVError/Code/connectionRefused``, ``UVError/Code/timedOut``,
    ///   ``UVError/Code/unknownHost``, or ``UVError/Code/cancelled`` if the loop is shutting down.
    public static func connect(
        host: String,
        port: Int,
        on loop: EventLoop,
        timeout: Duration = .seconds(10)
    ) async throws -> TCPConnection {
        try await withCheckedThrowingContinuation { continuation in
            let operation = ConnectOperation(host: host, port: port, loop: loop, continuation: continuation)
            if !loop.execute({ operation.start(timeout: timeout) }) {
                continuation.resume(throwing: UVError(code: .cancelled, operation: "connect", host: host, port: port))
            }
        }
    }
}

/// One connect attempt sequence: resolve, then try each address, under one timeout.
///
/// `@unchecked Sendable`: created on any thread but, from `start` on, touched only on the loop
/// thread; the timer closure that captures it runs there too.
final class ConnectOperation: @unchecked Sendable {
    private let host: String
    private let port: Int
    private let loop: EventLoop
    private var continuation: CheckedContinuation<TCPConnection, any Error>?
    private var addresses: [sockaddr_storage] = []
    private var nextAddress = 0
    private var connection: TCPConnection?
    private var timer: EventLoopTimer?
    private var resolveRequest: UnsafeMutablePointer<uv_getaddrinfo_t>?
    private var lastError: UVError?

    init(host: String, port: Int, loop: EventLoop, continuation: CheckedContinuation<TCPConnection, any Error>) {
        self.host = host
        self.port = port
        self.loop = loop
        self.continuation = continuation
    }

    private func error(_ code: UVError.Code, _ operation: String = "connect") -> UVError {
        UVError(code: code, operation: operation, host: host, port: port)
    }

    func start(timeout: Duration) {
        guard loop.isAcceptingHandles else {
            finish(.failure(error(.cancelled)))
            return
        }
        timer = loop.scheduleTimer(after: timeout) { self.timedOut() }
        if let address = SocketAddress.literal(host: host, port: port) {
            addresses = [address]
            attemptNext()
        } else {
            resolve()
        }
    }

    private func resolve() {
        let request = UnsafeMutablePointer<uv_getaddrinfo_t>.allocate(capacity: 1)
        request.pointee.data = Unmanaged.passRetained(self).toOpaque()
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        let rc = uv_getaddrinfo(loop.rawLoop, request, { request, status, result in
            let request = request!
            let operation = Unmanaged<ConnectOperation>.fromOpaque(request.pointee.data!).takeRetainedValue()
            request.deallocate()
            operation.resolveRequest = nil
            defer { uv_freeaddrinfo(result) }
            operation.resolved(status: status, result: result)
        }, host, String(port), &hints)
        if rc == 0 {
            resolveRequest = request
        } else {
            Unmanaged.passUnretained(self).release()
            request.deallocate()
            finish(.failure(UVError(rc, operation: "resolve", host: host, port: port)))
        }
    }

    private func resolved(status: Int32, result: UnsafeMutablePointer<addrinfo>?) {
        guard continuation != nil else { return }
        guard status == 0 else {
            finish(.failure(UVError(status, operation: "resolve", host: host, port: port)))
            return
        }
        var info = result
        while let current = info {
            if let address = SocketAddress.copy(current.pointee) {
                addresses.append(address)
            }
            info = current.pointee.ai_next
        }
        attemptNext()
    }

    private func attemptNext() {
        guard continuation != nil else { return }
        guard loop.isAcceptingHandles else {
            finish(.failure(error(.cancelled)))
            return
        }
        guard nextAddress < addresses.count else {
            finish(.failure(lastError ?? error(.unknownHost, "resolve")))
            return
        }
        let address = addresses[nextAddress]
        nextAddress += 1
        let connection = TCPConnection(loop: loop, host: host, port: port)
        self.connection = connection
        let request = UnsafeMutablePointer<uv_connect_t>.allocate(capacity: 1)
        request.pointee.data = Unmanaged.passRetained(self).toOpaque()
        let rc = SocketAddress.withSockaddr(address) { sockaddr in
            uv_tcp_connect(request, connection.handle, sockaddr) { request, status in
                let request = request!
                let operation = Unmanaged<ConnectOperation>.fromOpaque(request.pointee.data!).takeRetainedValue()
                request.deallocate()
                operation.connected(status: status)
            }
        }
        if rc != 0 {
            Unmanaged.passUnretained(self).release()
            request.deallocate()
            connectionFailed(status: rc)
        }
    }

    private func connected(status: Int32) {
        guard continuation != nil, let connection else { return }
        if status == 0 {
            connection.didConnect()
            finish(.success(connection))
        } else {
            connectionFailed(status: status)
        }
    }

    private func connectionFailed(status: Int32) {
        lastError = UVError(status, operation: "connect", host: host, port: port)
        connection?.close(reason: .failed(lastError!))
        connection = nil
        attemptNext()
    }

    private func timedOut() {
        guard continuation != nil else { return }
        if let resolveRequest {
            // The callback still runs (with UV_EAI_CANCELED) and frees the request.
            uv_cancel(UnsafeMutableRawPointer(resolveRequest).assumingMemoryBound(to: uv_req_t.self))
        }
        // Closing the handle cancels the pending connect; its callback then finds us finished.
        connection?.close(reason: .failed(error(.timedOut)))
        connection = nil
        finish(.failure(error(.timedOut)))
    }

    private func finish(_ result: Result<TCPConnection, any Error>) {
        timer?.cancel()
        timer = nil
        let continuation = self.continuation
        self.continuation = nil
        continuation?.resume(with: result)
    }
}
