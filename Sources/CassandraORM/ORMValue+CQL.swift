#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

extension ORMValue {
    /// Converts to the CQL value of `type` (the column or bind-marker type).
    /// - Parameter type: the target type, with user-defined type fields when known.
    /// - Returns: the value, or `nil` for NULL.
    /// - Throws: a message saying why the value does not fit.
    func cqlValue(as type: CQLType) throws(ConversionFailure) -> CQLValue? {
        switch (self, type) {
        case (.null, _): return nil
        case (.cql(let value), _): return value
        case (.bool(let value), .boolean): return .boolean(value)
        case (.string(let text), .text): return .text(text)
        case (.string(let text), .ascii): return .ascii(text)
        case (.string(let text), .uuid), (.string(let text), .timeuuid):
            guard let uuid = UUID(uuidString: text) else { throw ConversionFailure("'\(text)' is not a UUID") }
            return type == .uuid ? .uuid(uuid) : .timeuuid(uuid)
        case (.string(let text), .inet):
            guard let address = CQLInetAddress(text) else { throw ConversionFailure("not an IP address") }
            return .inet(address)
        case (.string(let text), .varint):
            guard let value = CQLVarint(text) else { throw ConversionFailure("not an integer") }
            return .varint(value)
        case (.string(let text), .decimal):
            guard let value = CQLDecimal(text) else { throw ConversionFailure("not a decimal number") }
            return .decimal(value)
        case (.uuid(let uuid), .uuid): return .uuid(uuid)
        case (.uuid(let uuid), .timeuuid): return .timeuuid(uuid)
        case (.date(let date), .timestamp): return .timestamp(Int64((date.timeIntervalSince1970 * 1000).rounded()))
        case (.date(let date), .date): return .date(Int32((date.timeIntervalSince1970 / 86_400).rounded(.down)))
        case (.bytes(let bytes), .blob): return .blob(bytes)
        case (.int(let value), _): return try Self.integer(value, as: type)
        case (.double(let value), .double): return .double(value)
        case (.double(let value), .float): return .float(Float(value))
        case (.double(let value), .decimal):
            guard let decimal = CQLDecimal("\(value)") else { throw ConversionFailure("not a finite number") }
            return .decimal(decimal)
        case (.list(let elements), .list(let element)):
            return .list(try elements.map { value throws(ConversionFailure) in try value.element(as: element) })
        case (.list(let elements), .set(let element)):
            return .set(try elements.map { value throws(ConversionFailure) in try value.element(as: element) })
        case (.list(let elements), .vector(let element, let dimension)):
            guard elements.count == dimension else { throw ConversionFailure("a vector of \(dimension) needs \(dimension) elements, not \(elements.count)") }
            return .vector(try elements.map { value throws(ConversionFailure) in try value.element(as: element) })
        case (.list(let elements), .tuple(let types)):
            guard elements.count == types.count else { throw ConversionFailure("the tuple has \(types.count) elements, not \(elements.count)") }
            var values: [CQLValue?] = []
            for (value, elementType) in zip(elements, types) { values.append(try value.cqlValue(as: elementType)) }
            return .tuple(values)
        case (.map(let entries), .map(let keyType, let valueType)):
            var converted: [CQLValue.MapEntry] = []
            for key in entries.keys.sorted() {
                let keyValue = try ORMValue.string(key).element(as: keyType)
                converted.append(.init(key: keyValue, value: try entries[key]!.element(as: valueType)))
            }
            return .map(converted)
        case (.map(let entries), .udt(let udt)):
            if !udt.fields.isEmpty, let unknown = entries.keys.first(where: { name in !udt.fields.contains { $0.name == name } }) {
                throw ConversionFailure("the type \(udt.name) has no field '\(unknown)'")
            }
            var fields: [CQLValue.Field] = []
            for field in udt.fields { fields.append(.init(name: field.name, value: try entries[field.name]?.cqlValue(as: field.type))) }
            return .udt(fields)
        default:
            throw ConversionFailure("a \(kindName) value cannot be stored in a \(type) column")
        }
    }

    private func element(as type: CQLType) throws(ConversionFailure) -> CQLValue {
        if case .string(let text) = self {
            switch type {
            case .int, .bigint, .smallint, .tinyint, .varint, .counter:
                guard let number = Int64(text) else { throw ConversionFailure("map key '\(text)' is not an integer") }
                return try ORMValue.int(number).element(as: type)
            default: break
            }
        }
        guard let value = try cqlValue(as: type) else { throw ConversionFailure("collection elements cannot be null") }
        return value
    }

    private static func integer(_ value: Int64, as type: CQLType) throws(ConversionFailure) -> CQLValue {
        func narrow<T: FixedWidthInteger>(_: T.Type) throws(ConversionFailure) -> T {
            guard let narrowed = T(exactly: value) else { throw ConversionFailure("\(value) does not fit in \(type)") }
            return narrowed
        }
        switch type {
        case .bigint: return .bigint(value)
        case .counter: return .counter(value)
        case .int: return .int(try narrow(Int32.self))
        case .smallint: return .smallint(try narrow(Int16.self))
        case .tinyint: return .tinyint(try narrow(Int8.self))
        case .varint: return .varint(CQLVarint(value))
        case .decimal: return .decimal(CQLDecimal(unscaled: CQLVarint(value), scale: 0))
        case .double: return .double(Double(value))
        case .float: return .float(Float(value))
        case .timestamp: return .timestamp(value)
        case .time: return .time(value)
        case .date: return .date(try narrow(Int32.self))
        default: throw ConversionFailure("an integer cannot be stored in a \(type) column")
        }
    }

    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "floating-point"
        case .string: "text"
        case .uuid: "uuid"
        case .date: "date"
        case .bytes: "bytes"
        case .list: "list"
        case .map: "map"
        case .cql(let value): value.kindName
        }
    }

    /// The ORM form of a cell: ``init(cql:)`` of the decoded value, with the common scalar
    /// types read straight from the bytes rather than through a ``CQLValue``.
    /// - Parameters:
    ///   - bytes: the cell's bytes; `nil` for NULL.
    ///   - type: the column type.
    /// - Throws: ``CQLProtocol/CQLProtocolError`` for bytes that are not a value of `type`.
    init(cell bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        guard let bytes else {
            self = .null
            return
        }
        // Irregular bytes (empty, wrong length, invalid UTF-8) fall through to the general
        // decoder, which reports them or reads them as it always has; so do the types it
        // checks further (`timeuuid` must be a version 1 UUID).
        let direct: ORMValue? = switch type {
        case .text: CellBytes.text(bytes).map(ORMValue.string)
        case .bigint, .counter: CellBytes.int64(bytes).map(ORMValue.int)
        case .int: CellBytes.int32(bytes).map { .int(Int64($0)) }
        case .double: CellBytes.double(bytes).map(ORMValue.double)
        case .boolean: CellBytes.bool(bytes).map(ORMValue.bool)
        case .uuid: CellBytes.uuid(bytes).map(ORMValue.uuid)
        default: nil
        }
        if let direct {
            self = direct
            return
        }
        self.init(cql: try CQLValue.decode(bytes, as: type))
    }

    /// The ORM form of a value read from a row.
    /// - Parameter value: the decoded cell; `nil` for NULL.
    init(cql value: CQLValue?) {
        guard let value else {
            self = .null
            return
        }
        switch value {
        case .ascii(let text), .text(let text): self = .string(text)
        case .bigint(let number), .counter(let number): self = .int(number)
        case .int(let number): self = .int(Int64(number))
        case .smallint(let number): self = .int(Int64(number))
        case .tinyint(let number): self = .int(Int64(number))
        case .double(let number): self = .double(number)
        case .float(let number): self = .double(Double(number))
        case .boolean(let flag): self = .bool(flag)
        case .uuid(let uuid), .timeuuid(let uuid): self = .uuid(uuid)
        case .timestamp(let milliseconds): self = .date(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        case .blob(let bytes): self = .bytes(bytes)
        case .list(let elements), .set(let elements), .vector(let elements): self = .list(elements.map { ORMValue(cql: $0) })
        case .map(let entries):
            var map: [String: ORMValue] = [:]
            for entry in entries {
                switch entry.key {
                case .text(let key), .ascii(let key): map[key] = ORMValue(cql: entry.value)
                default:
                    self = .cql(value)
                    return
                }
            }
            self = .map(map)
        case .udt(let fields):
            self = .map(Dictionary(fields.map { ($0.name, ORMValue(cql: $0.value)) }, uniquingKeysWith: { first, _ in first }))
        default: self = .cql(value)
        }
    }
}

/// Why a value could not be converted to its column type.
struct ConversionFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
