extension ResponseMessage {
    /// EVENT: a server push, on stream -1, for an event type the connection REGISTERed for
    /// (native_protocol_v4.spec §4.2.6). The body starts with the event type as a `[string]`.
    public enum Event: Sendable, Hashable {
        /// A node joined or left the cluster.
        case topologyChange(TopologyChange, node: CQLInetEndpoint)
        /// A node went up or down.
        case statusChange(StatusChange, node: CQLInetEndpoint)
        /// The schema changed.
        case schemaChange(SchemaChange)

        /// An event type, as named in REGISTER and at the start of an EVENT body.
        public enum EventType: String, Sendable, Hashable, CaseIterable {
            /// `TOPOLOGY_CHANGE`.
            case topologyChange = "TOPOLOGY_CHANGE"
            /// `STATUS_CHANGE`.
            case statusChange = "STATUS_CHANGE"
            /// `SCHEMA_CHANGE`.
            case schemaChange = "SCHEMA_CHANGE"
        }

        /// The kind of topology change.
        public enum TopologyChange: String, Sendable, Hashable, CaseIterable {
            /// `NEW_NODE`.
            case newNode = "NEW_NODE"
            /// `REMOVED_NODE`.
            case removedNode = "REMOVED_NODE"
            /// `MOVED_NODE`: sent by Cassandra when a node's tokens move; not listed in the v4
            /// spec text but part of the server's enumeration, so it is accepted.
            case movedNode = "MOVED_NODE"
        }

        /// The kind of status change.
        public enum StatusChange: String, Sendable, Hashable, CaseIterable {
            /// `UP`.
            case up = "UP"
            /// `DOWN`.
            case down = "DOWN"
        }

        /// The event's type.
        public var eventType: EventType {
            switch self {
            case .topologyChange: .topologyChange
            case .statusChange: .statusChange
            case .schemaChange: .schemaChange
            }
        }

        /// Writes the body (native_protocol_v4.spec §4.2.6).
        public func encode(into buffer: inout CQLBuffer) {
            buffer.writeString(eventType.rawValue)
            switch self {
            case .topologyChange(let change, let node):
                buffer.writeString(change.rawValue)
                buffer.writeInet(node)
            case .statusChange(let change, let node):
                buffer.writeString(change.rawValue)
                buffer.writeInet(node)
            case .schemaChange(let change):
                change.encode(into: &buffer)
            }
        }

        /// Reads the body (native_protocol_v4.spec §4.2.6).
        /// - Throws: ``CQLProtocolError`` when truncated or when a type or change name is unknown.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> Event {
            let typeOffset = buffer.readerIndex
            let typeName = try buffer.readString()
            guard let eventType = EventType(rawValue: typeName) else {
                throw CQLProtocolError(.invalidValue, "unknown event type \"\(typeName)\"", offset: typeOffset)
            }
            switch eventType {
            case .topologyChange:
                let change = try readChange(TopologyChange.self, from: &buffer)
                return .topologyChange(change, node: try buffer.readInet())
            case .statusChange:
                let change = try readChange(StatusChange.self, from: &buffer)
                return .statusChange(change, node: try buffer.readInet())
            case .schemaChange:
                return .schemaChange(try SchemaChange.decode(from: &buffer))
            }
        }

        private static func readChange<Change: RawRepresentable<String>>(
            _ type: Change.Type, from buffer: inout CQLBuffer
        ) throws(CQLProtocolError) -> Change {
            let offset = buffer.readerIndex
            let name = try buffer.readString()
            guard let change = Change(rawValue: name) else {
                throw CQLProtocolError(.invalidValue, "unknown \(Change.self) \"\(name)\"", offset: offset)
            }
            return change
        }
    }
}
