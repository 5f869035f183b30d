extension ResponseMessage {
    /// AUTHENTICATE: the server requires authentication and names its authenticator as a
    /// `[string]` (native_protocol_v4.spec §4.2.3).
    public struct Authenticate: Sendable, Hashable {
        /// The full class name of the server's `IAuthenticator`,
        /// e.g. `org.apache.cassandra.auth.PasswordAuthenticator`.
        public var authenticator: String

        /// Creates an AUTHENTICATE.
        public init(authenticator: String) {
            self.authenticator = authenticator
        }

        /// Writes the body: `[string]` class name (native_protocol_v4.spec §4.2.3).
        public func encode(into buffer: inout CQLBuffer) {
            buffer.writeString(authenticator)
        }

        /// Reads the body (native_protocol_v4.spec §4.2.3).
        /// - Throws: ``CQLProtocolError`` when truncated or not UTF-8.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> Authenticate {
            Authenticate(authenticator: try buffer.readString())
        }
    }
}
