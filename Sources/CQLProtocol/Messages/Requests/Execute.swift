extension RequestMessage {
    /// EXECUTE: `<id><query_parameters>` with the prepared id as `[short bytes]`
    /// (native_protocol_v4.spec §4.1.6).
    public struct Execute: Sendable, Hashable {
        /// The prepared statement id from a Prepared result.
        public var id: [UInt8]
        /// Consistency, bound values, paging and the other options.
        public var parameters: QueryParameters

        /// Creates an EXECUTE.
        public init(id: [UInt8], parameters: QueryParameters) {
            self.id = id
            self.parameters = parameters
        }

        /// Writes the body (native_protocol_v4.spec §4.1.6).
        public func encode(into buffer: inout CQLBuffer) {
            buffer.writeShortBytes(id)
            parameters.encode(into: &buffer)
        }

        /// Reads the body (native_protocol_v4.spec §4.1.6).
        /// - Throws: ``CQLProtocolError`` when truncated or invalid.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> Execute {
            let id = try buffer.readShortBytes()
            return Execute(id: id, parameters: try QueryParameters.decode(from: &buffer))
        }
    }
}
