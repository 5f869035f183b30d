extension ResponseMessage.Result {
    /// A Prepared result: `<id><metadata><result_metadata>` (native_protocol_v4.spec §4.2.5.4).
    ///
    /// Protocol v4 has no result metadata id (that is a v5 addition).
    public struct Prepared: Sendable, Hashable {
        /// The prepared statement id, sent back in EXECUTE and BATCH.
        public var id: [UInt8]
        /// The bind markers and partition key indexes.
        public var metadata: PreparedMetadata
        /// The metadata of the rows an EXECUTE will return; may be ``ResultMetadata/empty``.
        public var resultMetadata: ResultMetadata

        /// Creates a Prepared result.
        public init(id: [UInt8], metadata: PreparedMetadata, resultMetadata: ResultMetadata) {
            self.id = id
            self.metadata = metadata
            self.resultMetadata = resultMetadata
        }

        /// Writes the body after the kind (native_protocol_v4.spec §4.2.5.4).
        public func encode(into buffer: inout CQLBuffer) {
            buffer.writeShortBytes(id)
            metadata.encode(into: &buffer)
            resultMetadata.encode(into: &buffer)
        }

        /// Reads the body after the kind (native_protocol_v4.spec §4.2.5.4).
        /// - Throws: ``CQLProtocolError`` when truncated or invalid.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> Prepared {
            let id = try buffer.readShortBytes()
            let metadata = try PreparedMetadata.decode(from: &buffer)
            return Prepared(id: id, metadata: metadata, resultMetadata: try ResultMetadata.decode(from: &buffer))
        }
    }
}
