extension RequestMessage {
    /// QUERY: `<query><query_parameters>` with the query as a `[long string]`
    /// (native_protocol_v4.spec §4.1.4).
    public struct Query: Sendable, Hashable {
        /// The CQL text.
        public var query: String
        /// Consistency, bound values, paging and the other options.
        public var parameters: QueryParameters

        /// Creates a QUERY.
        public init(query: String, parameters: QueryParameters) {
            self.query = query
            self.parameters = parameters
        }

        /// Writes the body (native_protocol_v4.spec §4.1.4).
        public func encode(into buffer: inout CQLBuffer) {
            buffer.writeLongString(query)
            parameters.encode(into: &buffer)
        }

        /// Reads the body (native_protocol_v4.spec §4.1.4).
        /// - Throws: ``CQLProtocolError`` when truncated or invalid.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> Query {
            let query = try buffer.readLongString()
            return Query(query: query, parameters: try QueryParameters.decode(from: &buffer))
        }
    }
}
