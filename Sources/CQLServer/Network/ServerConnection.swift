import CQLProtocol
import Synchronization
import UVLoop

/// One client connection: decodes frames as they arrive, runs the handshake
/// (OPTIONS/STARTUP/AUTHENTICATE), passes requests to the ``QueryProcessor`` and writes
/// each read's responses in one socket write.
///
/// All methods run on the connection's event loop thread; only ``sendEvent(_:)`` may be
/// called from elsewhere (it goes through the loop).
final class ServerConnection: @unchecked Sendable {
    /// The handshake phase.
    private enum Phase {
        case awaitingStartup
        case authenticating
        case ready
        case closed
    }

    let socket: TCPConnection
    private let processor: QueryProcessor
    private let authenticator: PasswordAuthenticator?
    private unowned let server: EmbeddedCQLServer
    private var phase = Phase.awaitingStartup
    private var decoder = FrameDecoder(supportedVersions: 4...4)
    private var encoder = FrameEncoder()
    private var input = CQLBuffer()
    private var output = CQLBuffer()
    private var session = QueryProcessor.SessionState()
    /// Event types this connection REGISTERed for (touched on the loop thread only).
    private(set) var registeredEvents: Set<ResponseMessage.Event.EventType> = []
    /// Whether STARTUP negotiated LZ4 (written on the loop, read from any thread).
    let isCompressed = Atomic<Bool>(false)

    init(socket: TCPConnection, processor: QueryProcessor, authenticator: PasswordAuthenticator?, server: EmbeddedCQLServer) {
        self.socket = socket
        self.processor = processor
        self.authenticator = authenticator
        self.server = server
    }

    /// Starts reading; must be called once.
    func start() {
        socket.startReading(onRead: { [self] bytes in received(bytes) }, onClose: { [self] _ in closed() })
    }

    private func closed() {
        phase = .closed
        server.connectionClosed(self)
    }

    private func received(_ bytes: UnsafeRawBufferPointer) {
        guard phase != .closed else { return }
        input.writeRawBytes(bytes)
        while true {
            let frame: Frame
            do {
                guard let next = try decoder.decode(from: &input) else { break }
                frame = next
            } catch {
                failProtocol(error)
                return
            }
            handle(frame)
            if phase == .closed { return }
        }
        if input.readableBytes == 0 { input.clear() } else if input.readerIndex > 1 << 16 { input.discardReadBytes() }
        flush()
    }

    private func flush() {
        guard output.readableBytes > 0 else { return }
        socket.write(Array(output.readableBytesView))
        output.clear()
    }

    /// Answers a malformed frame with a protocol error on its stream, then closes.
    private func failProtocol(_ error: CQLProtocolError) {
        let stream = error.payload.flatMap { $0.count >= 4 ? Int16(bitPattern: UInt16($0[2]) << 8 | UInt16($0[3])) : nil } ?? 0
        let message: String = error.code == .unsupportedVersion
            ? "\(error.message); supported versions are (4/v4)"
            : "Invalid frame: \(error.message)"
        send(.error(ServerError(code: .protocolError, message: message)), stream: stream)
        phase = .closed
        // Close only once the error has reached the socket.
        let socket = self.socket
        socket.write(Array(output.readableBytesView)) { _ in socket.close() }
        output.clear()
    }

    private func send(_ message: ResponseMessage, stream: Int16, warnings: [String] = []) {
        do {
            try encoder.encode(message, stream: stream, warnings: warnings, into: &output)
        } catch {
            let fallback = ResponseMessage.error(ServerError(code: .serverError, message: "failed to encode response: \(error.message)"))
            try? FrameEncoder().encode(fallback, stream: stream, into: &output)
        }
    }

    private func handle(_ frame: Frame) {
        let stream = frame.header.stream
        let request: RequestMessage
        do {
            request = try frame.decodeRequest()
        } catch {
            send(.error(ServerError(code: .protocolError, message: "Invalid message: \(error.message)")), stream: stream)
            return
        }
        server.requestReceived(request.opcode)
        if phase == .ready, let reaction = server.faultReaction(for: request) {
            switch reaction {
            case .drop:
                return
            case .respond(let error):
                send(.error(error), stream: stream)
                return
            case .closeConnection:
                phase = .closed
                socket.close()
                return
            case .delay(let delay):
                _ = socket.eventLoop.scheduleTimer(after: delay) { [self] in
                    socket.eventLoop.execute { [self] in
                        guard phase == .ready else { return }
                        process(request, stream: stream)
                        flush()
                    }
                }
                return
            }
        }
        process(request, stream: stream)
    }

    private func process(_ request: RequestMessage, stream: Int16) {
        switch (phase, request) {
        case (_, .options):
            send(.supported(.init(options: [
                "CQL_VERSION": [LocalNode.cqlVersion],
                "COMPRESSION": ["lz4"],
                "PROTOCOL_VERSIONS": ["4/v4"],
            ])), stream: stream)
        case (.awaitingStartup, .startup(let startup)):
            guard startup.cqlVersion != nil else {
                send(.error(ServerError(code: .protocolError, message: "CQL_VERSION is mandatory")), stream: stream)
                return
            }
            var compressor: (any FrameCompressor)?
            if let compression = startup.compression?.lowercased() {
                guard compression == "lz4" else {
                    send(.error(ServerError(code: .protocolError, message: "Unknown compression algorithm: \(compression)")), stream: stream)
                    return
                }
                compressor = LZ4Compressor()
            }
            decoder.compressor = compressor
            isCompressed.store(compressor != nil, ordering: .relaxed)
            if authenticator != nil {
                send(.authenticate(.init(authenticator: PasswordAuthenticator.className)), stream: stream)
                encoder.compressor = compressor
                phase = .authenticating
            } else {
                send(.ready, stream: stream)
                encoder.compressor = compressor
                phase = .ready
            }
        case (.authenticating, .authResponse(let response)):
            if authenticator?.authenticate(token: response.token) != nil {
                send(.authSuccess(.init(token: nil)), stream: stream)
                phase = .ready
            } else {
                send(.error(ServerError(code: .authenticationError, message: "Provided username and/or password are incorrect")), stream: stream)
            }
        case (.ready, .register(let register)):
            registeredEvents.formUnion(register.eventTypes)
            server.connectionRegistered(self)
            send(.ready, stream: stream)
        case (.ready, .query(let query)):
            deliver(processor.query(query, session: &session), stream: stream)
        case (.ready, .prepare(let prepare)):
            deliver(processor.prepare(prepare, session: session), stream: stream)
        case (.ready, .execute(let execute)):
            deliver(processor.execute(execute, session: &session), stream: stream)
        case (.ready, .batch(let batch)):
            deliver(processor.batch(batch, session: &session), stream: stream)
        case (.awaitingStartup, _):
            send(.error(ServerError(code: .protocolError, message: "Unexpected message \(request.opcode), expecting STARTUP or OPTIONS")), stream: stream)
        case (.authenticating, _):
            send(.error(ServerError(code: .protocolError, message: "Unexpected message \(request.opcode), expecting SASL response")), stream: stream)
        case (.ready, .startup), (.ready, .authResponse):
            send(.error(ServerError(code: .protocolError, message: "Unexpected message \(request.opcode): the connection is already established")), stream: stream)
        case (.closed, _):
            return
        }
    }

    private func deliver(_ outcome: QueryProcessor.Outcome, stream: Int16) {
        send(outcome.response, stream: stream)
        if let change = outcome.schemaChange {
            server.schemaChanged(change)
        }
    }

    /// Sends an EVENT on stream -1 if the connection registered for its type.
    func sendEvent(_ event: ResponseMessage.Event) {
        socket.eventLoop.execute { [self] in
            guard phase == .ready, registeredEvents.contains(event.eventType) else { return }
            send(.event(event), stream: -1)
            flush()
        }
    }
}
