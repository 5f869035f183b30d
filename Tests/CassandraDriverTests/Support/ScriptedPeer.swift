import CQLProtocol
import Foundation
import Synchronization
import UVLoop
import XCTest

/// A tiny CQL peer on a UVLoop listener that speaks just enough protocol for the IO-shell
/// tests: it answers the handshake, then asks `script` what to do with each request.
///
/// Not a server: no storage, no CQL parsing. Queries on system tables are answered with an
/// Invalid error, so sessions fall back to the contact point as their only node.
final class ScriptedPeer: Sendable {
    /// What the peer does with one request.
    enum Reaction: Sendable {
        /// Answer with this message.
        case respond(ResponseMessage)
        /// Never answer.
        case drop
        /// Close the connection.
        case close
        /// Answer later, with ``ScriptedPeer/cannedRows``, when ``ScriptedPeer/releaseHeld()`` is called.
        case hold
    }

    /// Handshake behaviour.
    struct Options: Sendable {
        /// Answer v4 frames with a PROTOCOL_ERROR and close, like a v3-only Cassandra.
        var rejectVersion4 = false
        /// Require SASL PLAIN with these credentials.
        var credentials: (username: String, password: String)?
    }

    typealias Script = @Sendable (_ request: RequestMessage, _ connectionIndex: Int) -> Reaction

    let loop: EventLoop
    private let listener: Mutex<TCPListener?> = Mutex(nil)
    private let state = Mutex(PeerState())
    private let script: Script
    private let options: Options

    private struct PeerState {
        var held: [(stream: Int16, version: UInt8, connection: TCPConnection)] = []
        var connections: [TCPConnection] = []
        var requestCount = 0
        var acceptedCount = 0
        var opcodes: [Opcode] = []
    }

    /// The port the peer listens on.
    var port: Int { listener.withLock { $0!.port } }
    /// Requests received (handshake included).
    var requestCount: Int { state.withLock { $0.requestCount } }
    /// Connections accepted so far, dropped ones included.
    var connectionCount: Int { state.withLock { $0.acceptedCount } }
    /// Opcodes received, in order.
    var opcodes: [Opcode] { state.withLock { $0.opcodes } }

    private init(loop: EventLoop, options: Options, script: @escaping Script) {
        self.loop = loop
        self.options = options
        self.script = script
    }

    /// Starts a peer on an ephemeral port.
    static func start(on loop: EventLoop, options: Options = Options(),
                      script: @escaping Script = ScriptedPeer.defaultScript) async throws -> ScriptedPeer {
        let peer = ScriptedPeer(loop: loop, options: options, script: script)
        let listener = try await TCPListener.bind(host: "127.0.0.1", port: 0, on: loop) { connection in
            peer.accepted(connection)
        }
        peer.listener.withLock { $0 = listener }
        return peer
    }

    /// A canned one-row, one-column (`value int`) result.
    static let cannedRows = ResponseMessage.Result.rows(.init(
        metadata: ResultMetadata(columns: [.init(keyspace: "ks", table: "t", name: "value", type: .int)]),
        rows: [[[0, 0, 0, 42]]]))

    /// The PREPARED answer used by the default script: one `int` marker, partition key 0.
    static let cannedPrepared = ResponseMessage.Result.prepared(.init(
        id: [1, 2, 3, 4],
        metadata: PreparedMetadata(columns: [.init(keyspace: "ks", table: "t", name: "id", type: .int)], partitionKeyIndexes: [0]),
        resultMetadata: ResultMetadata(columns: [.init(keyspace: "ks", table: "t", name: "value", type: .int)])))

    /// Handshake answers plus: system-table queries fail with Invalid, `USE` sets the keyspace,
    /// PREPARE returns ``cannedPrepared``, everything else returns ``cannedRows``.
    static let defaultScript: Script = { request, _ in
        switch request {
        case .query(let query) where query.query.contains("system"):
            return .respond(.error(ServerError(code: .invalid, message: "no system tables here")))
        case .query(let query) where query.query.hasPrefix("USE "):
            return .respond(.result(.setKeyspace(String(query.query.dropFirst(4)))))
        case .prepare:
            return .respond(.result(cannedPrepared))
        case .execute(let execute):
            // Skip-metadata executions get rows without metadata, like Cassandra.
            if execute.parameters.skipMetadata {
                return .respond(.result(.rows(.init(metadata: ResultMetadata(noMetadataColumnCount: 1), rows: [[[0, 0, 0, 42]]]))))
            }
            return .respond(.result(cannedRows))
        default:
            return .respond(.result(cannedRows))
        }
    }

    /// Answers every held request with ``cannedRows``.
    func releaseHeld() {
        let held = state.withLock { state in
            defer { state.held.removeAll() }
            return state.held
        }
        for request in held {
            var buffer = CQLBuffer()
            try? FrameEncoder(version: request.version).encode(.result(Self.cannedRows), stream: request.stream, into: &buffer)
            request.connection.write(buffer.bytes)
        }
    }

    /// Requests held so far and not released.
    var heldCount: Int { state.withLock { $0.held.count } }

    /// Closes every accepted connection (the listener keeps listening).
    func dropConnections() {
        let connections = state.withLock { state -> [TCPConnection] in
            defer { state.connections.removeAll() }
            return state.connections
        }
        for connection in connections { connection.close() }
    }

    /// Stops listening and closes every connection.
    func stop() {
        listener.withLock { $0?.close() }
        dropConnections()
    }

    /// Stops, and returns once the listening socket is closed (its port refuses connections).
    func stopAndWait() async throws {
        stop()
        try await loop.submit {}
    }

    private func accepted(_ connection: TCPConnection) {
        let index = state.withLock { state -> Int in
            state.connections.append(connection)
            state.acceptedCount += 1
            return state.acceptedCount - 1
        }
        let session = PeerSession(connection: connection, index: index, peer: self)
        connection.startReading(onRead: { session.received($0) }, onClose: { _ in })
    }

    fileprivate func handle(_ request: RequestMessage, stream: Int16, version: UInt8, connection: TCPConnection,
                            index: Int) -> [UInt8]? {
        state.withLock { state in
            state.requestCount += 1
            state.opcodes.append(request.opcode)
        }
        if options.rejectVersion4 && version == 4 {
            var buffer = CQLBuffer()
            try? FrameEncoder(version: 3).encode(
                .error(ServerError(code: .protocolError, message: "Invalid or unsupported protocol version (4); supported versions are (3/v3)")),
                stream: stream, into: &buffer)
            // Close once the error is on its way, as Cassandra does.
            connection.write(buffer.bytes) { _ in connection.close() }
            return nil
        }
        let reaction: Reaction
        switch request {
        case .options:
            reaction = .respond(.supported(.init(options: ["CQL_VERSION": ["3.4.5"], "COMPRESSION": ["lz4"]])))
        case .startup:
            reaction = options.credentials == nil
                ? .respond(.ready) : .respond(.authenticate(.init(authenticator: "org.apache.cassandra.auth.PasswordAuthenticator")))
        case .authResponse(let response):
            let expected = options.credentials.map { [0] + Array($0.username.utf8) + [0] + Array($0.password.utf8) }
            reaction = response.token == expected
                ? .respond(.authSuccess(.init(token: nil)))
                : .respond(.error(ServerError(code: .authenticationError, message: "Provided username and/or password are incorrect")))
        case .register:
            reaction = .respond(.ready)
        default:
            reaction = script(request, index)
        }
        switch reaction {
        case .respond(let message):
            var buffer = CQLBuffer()
            try? FrameEncoder(version: version).encode(message, stream: stream, into: &buffer)
            return buffer.bytes
        case .hold:
            state.withLock { $0.held.append((stream, version, connection)) }
            return nil
        case .drop:
            return nil
        case .close:
            connection.close()
            return nil
        }
    }
}

/// One accepted connection's decoding state. Loop thread only.
private final class PeerSession: @unchecked Sendable {
    let connection: TCPConnection
    let index: Int
    unowned let peer: ScriptedPeer
    var buffer = CQLBuffer()
    let decoder = FrameDecoder()

    init(connection: TCPConnection, index: Int, peer: ScriptedPeer) {
        self.connection = connection
        self.index = index
        self.peer = peer
    }

    func received(_ bytes: UnsafeRawBufferPointer) {
        buffer.writeRawBytes(bytes)
        var replies: [[UInt8]] = []
        while let frame = try? decoder.decode(from: &buffer) {
            guard let request = try? frame.decodeRequest() else { continue }
            if let reply = peer.handle(request, stream: frame.header.stream, version: frame.header.version,
                                       connection: connection, index: index) {
                replies.append(reply)
            }
        }
        buffer.discardReadBytes()
        if !replies.isEmpty { connection.write(contentsOf: replies) }
    }
}
