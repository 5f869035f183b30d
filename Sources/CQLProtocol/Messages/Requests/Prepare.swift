extension RequestMessage {
    /// PREPARE: a CQL query to prepare, as a `[long string]` (native_protocol_v4.spec §4.1.5).
    public struct Prepare: Sendable, Hashable {
        /// The query text.
        public var query: String

        /// Creates a PREPARE.
        public init(query: String) {
            self.query = query
        }

        /// Writes the body: `[long string]` query (native_protocol_v4.spec §4.1.5).
        public func encode(into buffer: inout CQLBuffer) {
            buffer.writeLongString(query)
        }

        /// Reads the body (native_protocol_v4.spec §4.1.5).
        /// - Throws: ``CQLProtocolError`` when the string is truncated or not UTF-8.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> Prepare {
            Prepare(query: try buffer.readLongString())
        }
    }
}
