extension ResponseMessage {
    /// SUPPORTED: the STARTUP options the server accepts, as a `[string multimap]`
    /// (native_protocol_v4.spec §4.2.4).
    public struct Supported: Sendable, Hashable {
        /// Option name to its accepted values, e.g. `COMPRESSION: ["lz4", "snappy"]`. Written with keys sorted.
        public var options: [String: [String]]

        /// Creates a SUPPORTED.
        public init(options: [String: [String]]) {
            self.options = options
        }

        /// Writes the body: `[string multimap]` (native_protocol_v4.spec §4.2.4).
        public func encode(into buffer: inout CQLBuffer) {
            buffer.writeStringMultimap(options)
        }

        /// Reads the body (native_protocol_v4.spec §4.2.4).
        /// - Throws: ``CQLProtocolError`` when truncated or not UTF-8.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> Supported {
            Supported(options: try buffer.readStringMultimap())
        }
    }
}
