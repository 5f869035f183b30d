import CQLProtocol

extension Connection {
    /// The handshake of one connection (native_protocol_v4.spec §4.1.1, §4.1.2, §4.1.8):
    /// OPTIONS → SUPPORTED → STARTUP → READY, or → AUTHENTICATE → AUTH_RESPONSE →
    /// AUTH_SUCCESS (answering AUTH_CHALLENGEs), then REGISTER → READY on control connections.
    ///
    /// Pure: messages in, actions out. Authentication is SASL PLAIN (`\0user\0password`),
    /// which Cassandra's `PasswordAuthenticator` expects.
    struct HandshakeStateMachine: Sendable, Hashable {
        /// What the handshake needs to know about the connection's configuration.
        struct Options: Sendable, Hashable {
            /// The protocol version of this attempt.
            var protocolVersion: UInt8 = 4
            /// The compression to ask for when the server offers it (`lz4`), or `nil`.
            var compression: String?
            /// Credentials for SASL PLAIN, if configured.
            var credentials: Session.Configuration.Credentials?
            /// Event types to REGISTER for after READY (control connections); empty for none.
            var events: [ResponseMessage.Event.EventType] = []
        }

        /// What the IO shell must do next.
        enum Action: Sendable, Equatable {
            /// Send OPTIONS.
            case sendOptions
            /// Send STARTUP with this compression (or none); from then on frames may be compressed.
            case sendStartup(compression: String?)
            /// Send AUTH_RESPONSE with this token.
            case sendAuthResponse([UInt8])
            /// Send REGISTER for these events.
            case sendRegister([ResponseMessage.Event.EventType])
            /// The connection is ready for requests.
            case completed
            /// The server does not speak this version: open a new connection with `version`.
            case retryWithProtocolVersion(UInt8)
            /// Give up: close the connection and report the error.
            case fail(CassandraError)
        }

        private enum State: Sendable, Hashable {
            case initialized, optionsSent, startupSent, authenticating(challenges: Int), registering, completed, failed
        }

        private let options: Options
        private var state = State.initialized

        /// The lowest protocol version the driver speaks.
        static let lowestProtocolVersion: UInt8 = 3
        /// At most this many AUTH_CHALLENGEs are answered before giving up (PLAIN needs none).
        static let maxChallenges = 2

        /// Creates a handshake; nothing happens before ``started()``.
        /// - Parameter options: the connection's handshake options.
        init(options: Options) {
            self.options = options
        }

        /// Whether the handshake ended, successfully or not.
        var isFinished: Bool { state == .completed || state == .failed }

        /// The TCP connection is open.
        mutating func started() -> Action {
            guard state == .initialized else { return unexpected("start") }
            state = .optionsSent
            return .sendOptions
        }

        /// A response arrived on the handshake stream.
        mutating func messageReceived(_ message: ResponseMessage) -> Action {
            switch (state, message) {
            case (.optionsSent, .supported(let supported)):
                state = .startupSent
                let offered = supported.options[RequestMessage.Startup.compressionKey] ?? []
                let compression = options.compression.flatMap { wanted in offered.contains(wanted) ? wanted : nil }
                return .sendStartup(compression: compression)
            case (.startupSent, .ready):
                return afterAuthentication()
            case (.startupSent, .authenticate(let authenticate)):
                guard let credentials = options.credentials else {
                    return fail(CassandraError(
                        .authentication,
                        "the server requires authentication (\(authenticate.authenticator)); set Session.Configuration.credentials"))
                }
                state = .authenticating(challenges: 0)
                return .sendAuthResponse(credentials.plainToken)
            case (.authenticating(let challenges), .authChallenge):
                guard challenges < Self.maxChallenges, let credentials = options.credentials else {
                    return fail(CassandraError(.authentication, "the server kept challenging SASL PLAIN authentication"))
                }
                state = .authenticating(challenges: challenges + 1)
                return .sendAuthResponse(credentials.plainToken)
            case (.authenticating, .authSuccess):
                return afterAuthentication()
            case (.registering, .ready):
                state = .completed
                return .completed
            case (_, .error(let error)):
                return errorReceived(error)
            default:
                return unexpected("\(message.opcode)")
            }
        }

        /// The connection closed or failed before the handshake completed.
        mutating func closed(_ error: CassandraError) -> Action {
            guard !isFinished else { return .fail(error) }
            return fail(error)
        }

        private mutating func afterAuthentication() -> Action {
            if options.events.isEmpty {
                state = .completed
                return .completed
            }
            state = .registering
            return .sendRegister(options.events)
        }

        private mutating func errorReceived(_ error: ServerError) -> Action {
            if error.code == .protocolError && state == .optionsSent && Self.isVersionError(error.message) {
                state = .failed
                guard options.protocolVersion > Self.lowestProtocolVersion else {
                    return .fail(CassandraError(.unsupportedProtocolVersion,
                                                "the server speaks neither protocol v4 nor v3: \(error.message)",
                                                serverError: error))
                }
                return .retryWithProtocolVersion(options.protocolVersion - 1)
            }
            if case .authenticating = state {
                return fail(CassandraError(.authentication, "authentication failed: \(error.message); check the credentials",
                                           serverError: error))
            }
            return fail(.server(error))
        }

        /// Whether a PROTOCOL_ERROR complains about the version (Cassandra: "Invalid or
        /// unsupported protocol version (4); supported versions are (3/v3)").
        static func isVersionError(_ message: String) -> Bool {
            let lowered = message.lowercased()
            return lowered.contains("protocol version") || lowered.contains("beta version")
        }

        private mutating func unexpected(_ what: String) -> Action {
            fail(CassandraError(.protocolViolation, "unexpected \(what) during the connection handshake"))
        }

        private mutating func fail(_ error: CassandraError) -> Action {
            state = .failed
            return .fail(error)
        }
    }
}
