extension ResponseMessage {
    /// A schema change, `<change_type><target><options>`: the body of a SCHEMA_CHANGE event
    /// (native_protocol_v4.spec §4.2.6) and of a Schema_change result (§4.2.5.5).
    public struct SchemaChange: Sendable, Hashable {
        /// `<change_type>`.
        public enum ChangeType: String, Sendable, Hashable, CaseIterable {
            /// `CREATED`.
            case created = "CREATED"
            /// `UPDATED`.
            case updated = "UPDATED"
            /// `DROPPED`.
            case dropped = "DROPPED"
        }

        /// `<target>` and the `<options>` that depend on it.
        public enum Target: Sendable, Hashable {
            /// `KEYSPACE`: the keyspace name.
            case keyspace(String)
            /// `TABLE`: keyspace and table (index changes are reported on their table).
            case table(keyspace: String, name: String)
            /// `TYPE`: keyspace and user type.
            case type(keyspace: String, name: String)
            /// `FUNCTION`: keyspace, function name and argument types as CQL type strings.
            case function(keyspace: String, name: String, argumentTypes: [String])
            /// `AGGREGATE`: keyspace, aggregate name and argument types as CQL type strings.
            case aggregate(keyspace: String, name: String, argumentTypes: [String])

            /// The `<target>` string.
            public var name: String {
                switch self {
                case .keyspace: "KEYSPACE"
                case .table: "TABLE"
                case .type: "TYPE"
                case .function: "FUNCTION"
                case .aggregate: "AGGREGATE"
                }
            }
        }

        /// What happened.
        public var changeType: ChangeType
        /// What it happened to.
        public var target: Target

        /// Creates a schema change.
        public init(changeType: ChangeType, target: Target) {
            self.changeType = changeType
            self.target = target
        }

        /// Writes `<change_type><target><options>` (native_protocol_v4.spec §4.2.6).
        public func encode(into buffer: inout CQLBuffer) {
            buffer.writeString(changeType.rawValue)
            buffer.writeString(target.name)
            switch target {
            case .keyspace(let keyspace):
                buffer.writeString(keyspace)
            case .table(let keyspace, let name), .type(let keyspace, let name):
                buffer.writeString(keyspace)
                buffer.writeString(name)
            case .function(let keyspace, let name, let argumentTypes), .aggregate(let keyspace, let name, let argumentTypes):
                buffer.writeString(keyspace)
                buffer.writeString(name)
                buffer.writeStringList(argumentTypes)
            }
        }

        /// Reads `<change_type><target><options>` (native_protocol_v4.spec §4.2.6).
        /// - Throws: ``CQLProtocolError`` when truncated or when the change type or target is unknown.
        public static func decode(from buffer: inout CQLBuffer) throws(CQLProtocolError) -> SchemaChange {
            let changeOffset = buffer.readerIndex
            let changeName = try buffer.readString()
            guard let changeType = ChangeType(rawValue: changeName) else {
                throw CQLProtocolError(.invalidValue, "unknown schema change type \"\(changeName)\"", offset: changeOffset)
            }
            let targetOffset = buffer.readerIndex
            let targetName = try buffer.readString()
            let keyspace = try buffer.readString()
            let target: Target
            switch targetName {
            case "KEYSPACE": target = .keyspace(keyspace)
            case "TABLE": target = .table(keyspace: keyspace, name: try buffer.readString())
            case "TYPE": target = .type(keyspace: keyspace, name: try buffer.readString())
            case "FUNCTION":
                target = .function(keyspace: keyspace, name: try buffer.readString(), argumentTypes: try buffer.readStringList())
            case "AGGREGATE":
                target = .aggregate(keyspace: keyspace, name: try buffer.readString(), argumentTypes: try buffer.readStringList())
            default:
                throw CQLProtocolError(.invalidValue, "unknown schema change target \"\(targetName)\"", offset: targetOffset)
            }
            return SchemaChange(changeType: changeType, target: target)
        }
    }
}
