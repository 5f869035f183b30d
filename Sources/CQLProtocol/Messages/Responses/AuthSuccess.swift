extension ResponseMessage {
    /// AUTH_SUCCESS: the end of a successful authentication, with final server information, a single `[bytes]` token that may be null
    /// (native_protocol_v4.spec §4.2.8).
    public struct AuthSuccess: Sendable, Hashable {
        /// The SASL token; `nil` is the null `[bytes]`.
        public var token: [UInt8]?

        /// Creates an AUTH_SUCCESS.
        public init(token: [UInt8]?) {
            self.token = token
        }

        /// Writes the body: `[bytes]` token (native_protocol_v4.spec §4.2.8).
        public func encode(into buffer: inout CQLBuffer) {
            buffer.writeBytes(token)
        }

        /// Reads the body (native_protocol_v4.spec §4.2.8).
        /// - Throws: ``CQLProtocolError`` when the token is truncated.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> AuthSuccess {
            AuthSuccess(token: try buffer.readBytes())
        }
    }
}
