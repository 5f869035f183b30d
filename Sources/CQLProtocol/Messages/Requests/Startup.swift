extension RequestMessage {
    /// STARTUP: initializes the connection with a `[string map]` of options
    /// (native_protocol_v4.spec §4.1.1).
    public struct Startup: Sendable, Hashable {
        /// The `CQL_VERSION` option key.
        public static let cqlVersionKey = "CQL_VERSION"
        /// The `COMPRESSION` option key.
        public static let compressionKey = "COMPRESSION"

        /// Every option, including `CQL_VERSION` and `COMPRESSION`. Written with keys sorted.
        public var options: [String: String]

        /// Creates a STARTUP from raw options.
        public init(options: [String: String]) {
            self.options = options
        }

        /// Creates a STARTUP with `CQL_VERSION` and an optional `COMPRESSION` (e.g. `lz4`).
        public init(cqlVersion: String = "3.0.0", compression: String? = nil) {
            var options = [Self.cqlVersionKey: cqlVersion]
            options[Self.compressionKey] = compression
            self.options = options
        }

        /// The mandatory `CQL_VERSION` option, if present.
        public var cqlVersion: String? { options[Self.cqlVersionKey] }
        /// The requested frame compression, if any.
        public var compression: String? { options[Self.compressionKey] }

        /// Writes the body: a `[string map]` (native_protocol_v4.spec §4.1.1).
        public func encode(into buffer: inout CQLBuffer) {
            buffer.writeStringMap(options)
        }

        /// Reads the body (native_protocol_v4.spec §4.1.1).
        /// - Throws: ``CQLProtocolError`` when the map is truncated or not UTF-8.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> Startup {
            Startup(options: try buffer.readStringMap())
        }
    }
}
