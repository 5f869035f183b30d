extension ResponseMessage {
    /// RESULT: the outcome of a QUERY, PREPARE, EXECUTE or BATCH, an `[int]` kind followed by
    /// the kind's body (native_protocol_v4.spec §4.2.5).
    ///
    /// Void (§4.2.5.1) has an empty body and Set_keyspace (§4.2.5.3) a single `[string]`, so
    /// both are written here; Rows, Prepared and Schema_change have their own files.
    public enum Result: Sendable, Hashable {
        /// 0x0001 Void: success without information (§4.2.5.1).
        case void
        /// 0x0002 Rows: a page of rows (§4.2.5.2).
        case rows(Rows)
        /// 0x0003 Set_keyspace: the keyspace a `USE` switched to (§4.2.5.3).
        case setKeyspace(String)
        /// 0x0004 Prepared: the id and metadata of a prepared statement (§4.2.5.4).
        case prepared(Prepared)
        /// 0x0005 Schema_change: the change a DDL statement made (§4.2.5.5).
        case schemaChange(SchemaChange)

        /// The `[int]` kind of a RESULT (native_protocol_v4.spec §4.2.5).
        public enum Kind: Int32, Sendable, Hashable, CaseIterable {
            /// 0x0001 Void.
            case void = 0x0001
            /// 0x0002 Rows.
            case rows = 0x0002
            /// 0x0003 Set_keyspace.
            case setKeyspace = 0x0003
            /// 0x0004 Prepared.
            case prepared = 0x0004
            /// 0x0005 Schema_change.
            case schemaChange = 0x0005
        }

        /// This result's kind.
        public var kind: Kind {
            switch self {
            case .void: .void
            case .rows: .rows
            case .setKeyspace: .setKeyspace
            case .prepared: .prepared
            case .schemaChange: .schemaChange
            }
        }

        /// Writes the body: the kind, then the kind's body (native_protocol_v4.spec §4.2.5).
        public func encode(into buffer: inout CQLBuffer) {
            buffer.writeInt(kind.rawValue)
            switch self {
            case .void: break
            case .rows(let rows): rows.encode(into: &buffer)
            case .setKeyspace(let keyspace): buffer.writeString(keyspace)
            case .prepared(let prepared): prepared.encode(into: &buffer)
            case .schemaChange(let change): change.encode(into: &buffer)
            }
        }

        /// Reads the body (native_protocol_v4.spec §4.2.5).
        /// - Throws: ``CQLProtocolError`` when truncated, when the kind is unknown, or when the
        ///   kind's body is invalid.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> Result {
            let offset = buffer.readerIndex
            let rawKind = try buffer.readInt()
            guard let kind = Kind(rawValue: rawKind) else {
                throw CQLProtocolError(.invalidValue, "unknown RESULT kind \(rawKind)", offset: offset)
            }
            switch kind {
            case .void: return .void
            case .rows: return .rows(try Rows.decode(from: &buffer))
            case .setKeyspace: return .setKeyspace(try buffer.readString())
            case .prepared: return .prepared(try Prepared.decode(from: &buffer))
            case .schemaChange: return .schemaChange(try SchemaChange.decode(from: &buffer))
            }
        }
    }
}
