extension RequestMessage {
    /// AUTH_RESPONSE: the client's answer to an authentication challenge, a single `[bytes]`
    /// token that may be null (native_protocol_v4.spec §4.1.2).
    public struct AuthResponse: Sendable, Hashable {
        /// The SASL token; `nil` is the null `[bytes]`.
        public var token: [UInt8]?

        /// Creates an AUTH_RESPONSE.
        public init(token: [UInt8]?) {
            self.token = token
        }

        /// Writes the body: `[bytes]` token (native_protocol_v4.spec §4.1.2).
        public func encode(into buffer: inout CQLBuffer) {
            buffer.writeBytes(token)
        }

        /// Reads the body (native_protocol_v4.spec §4.1.2).
        /// - Throws: ``CQLProtocolError`` when the token is truncated.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> AuthResponse {
            AuthResponse(token: try buffer.readBytes())
        }
    }
}
