extension RequestMessage {
    /// The values bound to a statement's markers: `<n>` then `<n>` `[value]`s, each optionally
    /// preceded by a `[string]` name (native_protocol_v4.spec §4.1.4 flags 0x01 and 0x40, and §4.1.7).
    public enum BoundValues: Sendable, Hashable {
        /// Values in marker order.
        case positional([CQLRawValue])
        /// Values bound by marker name.
        case named([NamedValue])
        /// Values in marker order, already serialized (what the driver binds with; decoding
        /// produces ``positional(_:)``).
        case serialized(SerializedValues)

        /// One value bound by name.
        public struct NamedValue: Sendable, Hashable {
            /// The bind marker's name.
            public var name: String
            /// The value.
            public var value: CQLRawValue

            /// Creates a named value.
            public init(name: String, value: CQLRawValue) {
                self.name = name
                self.value = value
            }
        }

        /// The number of values.
        public var count: Int {
            switch self {
            case .positional(let values): values.count
            case .named(let values): values.count
            case .serialized(let values): values.count
            }
        }

        /// Whether the values are bound by name.
        public var isNamed: Bool {
            if case .named = self { return true }
            return false
        }

        /// Writes `<n>` (a `[short]`) then each `[name]<value>`.
        /// - Precondition: at most 65535 values (our own invariant; callers validate user input).
        public func encode(into buffer: inout CQLBuffer) {
            precondition(count <= Int(UInt16.max), "more than 65535 bound values")
            buffer.writeShort(UInt16(count))
            switch self {
            case .positional(let values):
                for value in values { buffer.writeValue(value) }
            case .named(let values):
                for value in values {
                    buffer.writeString(value.name)
                    buffer.writeValue(value.value)
                }
            case .serialized(let values):
                buffer.writeBuffer(values.buffer)
            }
        }

        /// Reads `<n>` then `<n>` values, named when `named` is true.
        /// - Throws: ``CQLProtocolError`` when truncated or a `[value]` length is below -2.
        public static func decode(named: Bool, from buffer: inout CQLBuffer) throws(CQLProtocolError) -> BoundValues {
            let count = Int(try buffer.readShort())
            if named {
                var values: [NamedValue] = []
                values.reserveCapacity(buffer.boundedCapacity(count, minimumElementSize: 6))
                for _ in 0..<count {
                    let name = try buffer.readString()
                    values.append(NamedValue(name: name, value: try buffer.readValue()))
                }
                return .named(values)
            }
            var values: [CQLRawValue] = []
            values.reserveCapacity(buffer.boundedCapacity(count, minimumElementSize: 4))
            for _ in 0..<count { values.append(try buffer.readValue()) }
            return .positional(values)
        }
    }
}
