/// A CQL data type as described by an `[option]` in native_protocol_v4.spec §4.2.5.2.
///
/// `frozen` is a schema property rather than a wire property, so it has no case here (see
/// ``CQLTypeExpression``, which keeps it):
/// ``CQLType/init(parsing:)`` accepts `frozen<…>` and drops it. Cassandra 5's
/// `vector<T, n>` travels as a custom type and is modelled as ``vector(_:dimension:)``.
public indirect enum CQLType: Sendable, Hashable {
    /// A custom type, named by its Java marshal class.
    case custom(String)
    /// `ascii`.
    case ascii
    /// `bigint`.
    case bigint
    /// `blob`.
    case blob
    /// `boolean`.
    case boolean
    /// `counter`.
    case counter
    /// `decimal`.
    case decimal
    /// `double`.
    case double
    /// `float`.
    case float
    /// `int`.
    case int
    /// `timestamp`.
    case timestamp
    /// `uuid`.
    case uuid
    /// `text` (the protocol's `varchar`).
    case text
    /// `varint`.
    case varint
    /// `timeuuid`.
    case timeuuid
    /// `inet`.
    case inet
    /// `date`.
    case date
    /// `time`.
    case time
    /// `smallint`.
    case smallint
    /// `tinyint`.
    case tinyint
    /// `duration`.
    case duration
    /// `list<T>`.
    case list(CQLType)
    /// `map<K, V>`.
    case map(CQLType, CQLType)
    /// `set<T>`.
    case set(CQLType)
    /// A user-defined type.
    case udt(UserDefinedType)
    /// `tuple<…>`.
    case tuple([CQLType])
    /// `vector<T, n>` (Cassandra 5).
    case vector(CQLType, dimension: Int)

    /// A user-defined type: keyspace, name and ordered fields.
    public struct UserDefinedType: Sendable, Hashable {
        /// The keyspace that defines the type.
        public var keyspace: String
        /// The type's name.
        public var name: String
        /// The fields in declaration order.
        public var fields: [Field]

        /// One field of a user-defined type.
        public struct Field: Sendable, Hashable {
            /// The field's name.
            public var name: String
            /// The field's type.
            public var type: CQLType
            /// Creates a field.
            public init(name: String, type: CQLType) {
                self.name = name
                self.type = type
            }
        }

        /// Creates a user-defined type description.
        public init(keyspace: String, name: String, fields: [Field]) {
            self.keyspace = keyspace
            self.name = name
            self.fields = fields
        }
    }

    /// The option id of this type (native_protocol_v4.spec §4.2.5.2).
    public var optionID: UInt16 {
        switch self {
        case .custom, .vector: 0x0000
        case .ascii: 0x0001
        case .bigint: 0x0002
        case .blob: 0x0003
        case .boolean: 0x0004
        case .counter: 0x0005
        case .decimal: 0x0006
        case .double: 0x0007
        case .float: 0x0008
        case .int: 0x0009
        case .timestamp: 0x000B
        case .uuid: 0x000C
        case .text: 0x000D
        case .varint: 0x000E
        case .timeuuid: 0x000F
        case .inet: 0x0010
        case .date: 0x0011
        case .time: 0x0012
        case .smallint: 0x0013
        case .tinyint: 0x0014
        case .duration: 0x0015
        case .list: 0x0020
        case .map: 0x0021
        case .set: 0x0022
        case .udt: 0x0030
        case .tuple: 0x0031
        }
    }

    /// The fixed serialized size of one value of this type, or `nil` when it varies.
    ///
    /// Used by the `vector` encoding, which omits lengths for fixed-size elements, so it
    /// follows Cassandra's `AbstractType.valueLengthIfFixed()` rather than the natural
    /// width: `smallint`, `tinyint`, `date` and `time` count as variable-length there
    /// (as in the DataStax Python driver's `serial_size`). A vector whose total size
    /// overflows `Int` reports `nil`.
    public var fixedValueSize: Int? {
        switch self {
        case .bigint, .counter, .double, .timestamp: 8
        case .int, .float: 4
        case .boolean: 1
        case .uuid, .timeuuid: 16
        case .vector(let element, let dimension):
            element.fixedValueSize.flatMap { size in
                let (total, overflow) = size.multipliedReportingOverflow(by: dimension)
                return overflow || dimension < 0 ? nil : total
            }
        default: nil
        }
    }

    /// Whether the type is a collection (`list`, `set` or `map`).
    public var isCollection: Bool {
        switch self {
        case .list, .set, .map: true
        default: false
        }
    }
}

extension CQLBuffer {
    /// Reads an `[option]` describing a type, recursing into collection, UDT and tuple payloads.
    public mutating func readType() throws(CQLProtocolError) -> CQLType {
        try readType(depth: 0)
    }

    private mutating func readType(depth: Int) throws(CQLProtocolError) -> CQLType {
        guard depth < 64 else { throw CQLProtocolError(.invalidType, "type nesting deeper than 64", offset: readerIndex) }
        let start = readerIndex
        let id = try readShort()
        switch id {
        case 0x0000: return try CQLType(marshalClass: try readString())
        case 0x0001: return .ascii
        case 0x0002: return .bigint
        case 0x0003: return .blob
        case 0x0004: return .boolean
        case 0x0005: return .counter
        case 0x0006: return .decimal
        case 0x0007: return .double
        case 0x0008: return .float
        case 0x0009: return .int
        case 0x000A: return .text  // legacy "text" id, equivalent to varchar
        case 0x000B: return .timestamp
        case 0x000C: return .uuid
        case 0x000D: return .text
        case 0x000E: return .varint
        case 0x000F: return .timeuuid
        case 0x0010: return .inet
        case 0x0011: return .date
        case 0x0012: return .time
        case 0x0013: return .smallint
        case 0x0014: return .tinyint
        case 0x0015: return .duration
        case 0x0020: return .list(try readType(depth: depth + 1))
        case 0x0021:
            let key = try readType(depth: depth + 1)
            return .map(key, try readType(depth: depth + 1))
        case 0x0022: return .set(try readType(depth: depth + 1))
        case 0x0030:
            let keyspace = try readString()
            let name = try readString()
            let count = Int(try readShort())
            var fields: [CQLType.UserDefinedType.Field] = []
            for _ in 0..<count {
                let fieldName = try readString()
                fields.append(.init(name: fieldName, type: try readType(depth: depth + 1)))
            }
            return .udt(.init(keyspace: keyspace, name: name, fields: fields))
        case 0x0031:
            let count = Int(try readShort())
            var elements: [CQLType] = []
            for _ in 0..<count { elements.append(try readType(depth: depth + 1)) }
            return .tuple(elements)
        default:
            throw CQLProtocolError(.invalidType, "unknown type option id 0x\(String(id, radix: 16))", offset: start)
        }
    }

    /// Writes an `[option]` describing `type`.
    public mutating func writeType(_ type: CQLType) {
        switch type {
        case .custom(let className):
            writeShort(0)
            writeString(className)
        case .vector:
            writeShort(0)
            writeString(type.marshalClass)
        case .list(let element), .set(let element):
            writeShort(type.optionID)
            writeType(element)
        case .map(let key, let value):
            writeShort(type.optionID)
            writeType(key)
            writeType(value)
        case .udt(let udt):
            writeShort(type.optionID)
            writeString(udt.keyspace)
            writeString(udt.name)
            writeShort(UInt16(udt.fields.count))
            for field in udt.fields {
                writeString(field.name)
                writeType(field.type)
            }
        case .tuple(let elements):
            writeShort(type.optionID)
            writeShort(UInt16(elements.count))
            for element in elements { writeType(element) }
        default:
            writeShort(type.optionID)
        }
    }
}
