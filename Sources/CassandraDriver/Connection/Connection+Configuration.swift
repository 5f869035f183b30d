import CQLProtocol

extension Connection {
    /// How to open and run one connection.
    struct Configuration: Sendable {
        /// The node's address (IP literal or name).
        var host: String
        /// The node's native-protocol port.
        var port: Int
        /// The protocol version to try first; the handshake downgrades v4 to v3 when the
        /// server asks for it.
        var protocolVersion: UInt8 = 4
        /// Whether to ask for LZ4 compression (used only when the server offers it).
        var compression = false
        /// Credentials for SASL PLAIN authentication.
        var credentials: Session.Configuration.Credentials?
        /// Limit for TCP connect plus handshake.
        var connectTimeout: Duration = .seconds(5)
        /// Events to REGISTER for (control connections only).
        var events: [ResponseMessage.Event.EventType] = []
        /// Stream ids, heartbeat and orphan limits.
        var limits = StateMachine.Configuration()
        /// How often the connection's one timer sweeps for expired requests and idleness;
        /// also the resolution of request timeouts.
        var tickInterval: Duration = .milliseconds(50)
        /// The largest response frame accepted.
        var maximumFrameLength = FrameDecoder.defaultMaximumFrameLength

        /// `host:port`, for errors and logs.
        var endpointDescription: String {
            host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }

        /// The handshake options for `protocolVersion`.
        var handshakeOptions: HandshakeStateMachine.Options {
            HandshakeStateMachine.Options(protocolVersion: protocolVersion,
                                          compression: compression ? "lz4" : nil,
                                          credentials: credentials, events: events)
        }
    }
}
