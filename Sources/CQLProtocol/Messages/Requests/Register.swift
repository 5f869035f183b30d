extension RequestMessage {
    /// REGISTER: subscribes the connection to event types, as a `[string list]`
    /// (native_protocol_v4.spec §4.1.8).
    public struct Register: Sendable, Hashable {
        /// The event types to receive.
        public var eventTypes: [ResponseMessage.Event.EventType]

        /// Creates a REGISTER.
        public init(eventTypes: [ResponseMessage.Event.EventType]) {
            self.eventTypes = eventTypes
        }

        /// Writes the body: `[string list]` of event type names (native_protocol_v4.spec §4.1.8).
        public func encode(into buffer: inout CQLBuffer) {
            buffer.writeStringList(eventTypes.map(\.rawValue))
        }

        /// Reads the body (native_protocol_v4.spec §4.1.8).
        /// - Throws: ``CQLProtocolError`` when the list is truncated or names an unknown event type
        ///   (``CQLProtocolError/Code/invalidValue``).
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> Register {
            let start = buffer.readerIndex
            var eventTypes: [ResponseMessage.Event.EventType] = []
            for name in try buffer.readStringList() {
                guard let eventType = ResponseMessage.Event.EventType(rawValue: name) else {
                    buffer.readerIndex = start
                    throw CQLProtocolError(.invalidValue, "unknown event type \"\(name)\"; expected TOPOLOGY_CHANGE, STATUS_CHANGE or SCHEMA_CHANGE", offset: start)
                }
                eventTypes.append(eventType)
            }
            return Register(eventTypes: eventTypes)
        }
    }
}
