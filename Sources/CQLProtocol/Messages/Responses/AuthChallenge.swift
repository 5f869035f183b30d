extension ResponseMessage {
    /// AUTH_CHALLENGE: a server authentication challenge, a single `[bytes]` token that may be null
    /// (native_protocol_v4.spec §4.2.7).
    public struct AuthChallenge: Sendable, Hashable {
        /// The SASL token; `nil` is the null `[bytes]`.
        public var token: [UInt8]?

        /// Creates an AUTH_CHALLENGE.
        public init(token: [UInt8]?) {
            self.token = token
        }

        /// Writes the body: `[bytes]` token (native_protocol_v4.spec §4.2.7).
        public func encode(into buffer: inout CQLBuffer) {
            buffer.writeBytes(token)
        }

        /// Reads the body (native_protocol_v4.spec §4.2.7).
        /// - Throws: ``CQLProtocolError`` when the token is truncated.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> AuthChallenge {
            AuthChallenge(token: try buffer.readBytes())
        }
    }
}
