import CLibUV

/// The one error type of ``UVLoop``: a libuv error code plus what was being attempted, and where.
///
/// `description` is short and stable (`connect 127.0.0.1:9042 failed: ECONNREFUSED (connection refused)`);
/// switch on ``code`` to react to a cause:
///
/// ```swift
/// do {
///     _ = try await TCPConnection.connect(host: "127.0.0.1", port: 9042, on: loop)
/// } catch let error as UVError where error.code == .connectionRefused {
///     // try the next host
/// }
/// ```
public struct UVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A libuv error number (always negative, like `UV_ECONNREFUSED`).
    ///
    /// New codes need no API change: any libuv errno can be wrapped with ``init(rawValue:)``.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The libuv errno, e.g. `UV_ECONNREFUSED.rawValue`.
        public let rawValue: Int32

        /// Wraps a libuv errno.
        /// - Parameter rawValue: a negative libuv error number.
        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// The symbolic libuv name, such as `ECONNREFUSED` (from `uv_err_name`).
        public var name: String {
            String(cString: uv_err_name(rawValue))
        }

        /// The human-readable libuv message, such as `connection refused` (from `uv_strerror`).
        public var message: String {
            String(cString: uv_strerror(rawValue))
        }

        /// ``name``.
        public var description: String { name }

        /// The peer refused the connection (`ECONNREFUSED`): nothing listens on that port.
        public static let connectionRefused = Code(rawValue: UV_ECONNREFUSED.rawValue)
        /// The operation did not finish in time (`ETIMEDOUT`), e.g. a connect timeout.
        public static let timedOut = Code(rawValue: UV_ETIMEDOUT.rawValue)
        /// The operation was cancelled (`ECANCELED`): the handle was closed or the loop shut down.
        public static let cancelled = Code(rawValue: UV_ECANCELED.rawValue)
        /// The peer closed its side of the connection (`EOF`).
        public static let endOfFile = Code(rawValue: UV_EOF.rawValue)
        /// The connection was reset by the peer (`ECONNRESET`).
        public static let connectionReset = Code(rawValue: UV_ECONNRESET.rawValue)
        /// Writing to a connection the peer already closed (`EPIPE`).
        public static let brokenPipe = Code(rawValue: UV_EPIPE.rawValue)
        /// The address is in use (`EADDRINUSE`).
        public static let addressInUse = Code(rawValue: UV_EADDRINUSE.rawValue)
        /// An argument was invalid (`EINVAL`), e.g. a host that is not an IP literal where one is required.
        public static let invalidArgument = Code(rawValue: UV_EINVAL.rawValue)
        /// The resource is busy (`EBUSY`); ``EventLoop`` reports leaked handles at shutdown with it.
        public static let busy = Code(rawValue: UV_EBUSY.rawValue)
        /// The host name could not be resolved (`EAI_NONAME`).
        public static let unknownHost = Code(rawValue: UV_EAI_NONAME.rawValue)
    }

    /// What went wrong.
    public var code: Code
    /// The operation that failed, such as `connect`, `write`, `bind` or `read`.
    public var operation: String
    /// The remote or local host involved, if any.
    public var host: String?
    /// The remote or local port involved, if any.
    public var port: Int?

    /// Creates an error.
    /// - Parameters:
    ///   - code: the libuv error.
    ///   - operation: the operation that failed.
    ///   - host: the host involved, if any.
    ///   - port: the port involved, if any.
    public init(code: Code, operation: String, host: String? = nil, port: Int? = nil) {
        self.code = code
        self.operation = operation
        self.host = host
        self.port = port
    }

    /// Creates an error from a raw negative libuv return value.
    init(_ rawValue: Int32, operation: String, host: String? = nil, port: Int? = nil) {
        self.init(code: Code(rawValue: rawValue), operation: operation, host: host, port: port)
    }

    /// `<operation> [to host:port] failed: <NAME> (<message>)`.
    public var description: String {
        var text = operation
        if let host {
            text += " \(host)"
            if let port { text += ":\(port)" }
        } else if let port {
            text += " port \(port)"
        }
        return "\(text) failed: \(code.name) (\(code.message))"
    }
}
