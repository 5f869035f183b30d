#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// Encoding of CQL values into their serialized bytes (native_protocol_v4.spec §6).
extension CQLValue {
    /// Appends the serialized form of this value (without a length prefix) to `buffer`.
    ///
    /// The value's case must match `type`. A few pairs are accepted because Cassandra
    /// treats them alike: `ascii`/`text` values for either text type (ascii columns still
    /// require 7-bit text), `bigint`/`counter`, `uuid`/`timeuuid` (a `timeuuid` column
    /// requires a version 1 UUID), `list`/`set`, `blob` for custom types, and
    /// ``CQLValue/empty``, which encodes as zero bytes for every type.
    /// - Parameters:
    ///   - type: The column or bind-marker type.
    ///   - buffer: The buffer to append to; on error it may hold a partial value.
    /// - Throws: ``CQLProtocolError`` with ``CQLProtocolError/Code/typeMismatch`` when the
    ///   case does not fit `type`, and ``CQLProtocolError/Code/invalidValue`` when it fits
    ///   but its content is illegal (non-ASCII text for `ascii`, a `time` outside one day,
    ///   a vector of the wrong dimension, mixed-sign duration, unknown UDT field).
    public func encode(as type: CQLType, into buffer: inout CQLBuffer) throws(CQLProtocolError) {
        switch (self, type) {
        case (.empty, _): return
        case (.ascii(let text), .ascii), (.text(let text), .ascii):
            guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
                throw CQLProtocolError(.invalidValue, "ascii columns only accept 7-bit text; use a text column for other characters")
            }
            buffer.writeRawBytes(text.utf8)
        case (.ascii(let text), .text), (.text(let text), .text): buffer.writeRawBytes(text.utf8)
        case (.bigint(let value), .bigint), (.bigint(let value), .counter),
             (.counter(let value), .counter), (.counter(let value), .bigint),
             (.timestamp(let value), .timestamp):
            buffer.writeInteger(value)
        case (.blob(let bytes), .blob), (.blob(let bytes), .custom), (.custom(let bytes), .custom), (.custom(let bytes), .blob):
            buffer.writeRawBytes(bytes)
        case (.boolean(let value), .boolean): buffer.writeInteger(UInt8(value ? 1 : 0))
        case (.decimal(let value), .decimal):
            buffer.writeInteger(value.scale)
            buffer.writeRawBytes(value.unscaled.bytes)
        case (.double(let value), .double): buffer.writeInteger(value.bitPattern)
        case (.float(let value), .float): buffer.writeInteger(value.bitPattern)
        case (.int(let value), .int): buffer.writeInteger(value)
        case (.smallint(let value), .smallint): buffer.writeInteger(value)
        case (.tinyint(let value), .tinyint): buffer.writeInteger(value)
        case (.uuid(let value), .uuid), (.timeuuid(let value), .uuid), (.timeuuid(let value), .timeuuid):
            buffer.writeUUID(value)
        case (.uuid(let value), .timeuuid):
            guard value.uuid.6 >> 4 == 1 else {
                throw CQLProtocolError(.invalidValue, "timeuuid columns only accept version 1 UUIDs; use UUID.timeBased() to make one")
            }
            buffer.writeUUID(value)
        case (.varint(let value), .varint): buffer.writeRawBytes(value.bytes)
        case (.inet(let address), .inet): buffer.writeRawBytes(address.bytes)
        case (.date(let days), .date): buffer.writeInteger(UInt32(bitPattern: days) &+ 0x8000_0000)
        case (.time(let nanos), .time):
            guard (0..<CQLValue.nanosecondsPerDay).contains(nanos) else {
                throw CQLProtocolError(.invalidValue, "time \(nanos) must be nanoseconds since midnight, in 0..<86400000000000")
            }
            buffer.writeInteger(nanos)
        case (.duration(let value), .duration):
            guard value.hasConsistentSigns else {
                throw CQLProtocolError(.invalidValue, "duration months, days and nanoseconds must all have the same sign")
            }
            buffer.writeVInt(Int64(value.months))
            buffer.writeVInt(Int64(value.days))
            buffer.writeVInt(value.nanoseconds)
        case (.list(let elements), .list(let elementType)), (.list(let elements), .set(let elementType)),
             (.set(let elements), .set(let elementType)), (.set(let elements), .list(let elementType)):
            try buffer.writeCollectionCount(elements.count)
            for element in elements {
                try buffer.writeLengthPrefixed { (body: inout CQLBuffer) throws(CQLProtocolError) in
                    try element.encode(as: elementType, into: &body)
                }
            }
        case (.map(let entries), .map(let keyType, let valueType)):
            try buffer.writeCollectionCount(entries.count)
            for entry in entries {
                try buffer.writeLengthPrefixed { (body: inout CQLBuffer) throws(CQLProtocolError) in
                    try entry.key.encode(as: keyType, into: &body)
                }
                try buffer.writeLengthPrefixed { (body: inout CQLBuffer) throws(CQLProtocolError) in
                    try entry.value.encode(as: valueType, into: &body)
                }
            }
        case (.udt(let fields), .udt(let udt)):
            for field in fields where !udt.fields.contains(where: { $0.name == field.name }) {
                throw CQLProtocolError(.invalidValue, "user type \(udt.name) has no field named \(field.name)")
            }
            for declared in udt.fields {
                let value = fields.first { $0.name == declared.name }?.value ?? nil
                try buffer.writeOptional(value, as: declared.type)
            }
        case (.tuple(let elements), .tuple(let types)):
            guard elements.count <= types.count else {
                throw CQLProtocolError(.typeMismatch, "a tuple of \(elements.count) elements does not fit \(type)")
            }
            for (element, elementType) in zip(elements, types) {
                try buffer.writeOptional(element, as: elementType)
            }
        case (.vector(let elements), .vector(let elementType, let dimension)):
            guard elements.count == dimension else {
                throw CQLProtocolError(.invalidValue, "\(type) needs exactly \(dimension) elements, got \(elements.count)")
            }
            for element in elements {
                try buffer.writeVectorElement(elementType) { (body: inout CQLBuffer) throws(CQLProtocolError) in
                    try element.encode(as: elementType, into: &body)
                }
            }
        default:
            throw CQLProtocolError(.typeMismatch, "cannot encode a \(kindName) value as \(type); expected a value matching \(type)")
        }
    }

    /// The serialized form of this value (without a length prefix).
    /// - Parameter type: The column or bind-marker type.
    /// - Returns: The bytes to send as a `[value]`'s content.
    /// - Throws: ``CQLProtocolError`` as ``encode(as:into:)`` does.
    public func serialized(as type: CQLType) throws(CQLProtocolError) -> [UInt8] {
        var buffer = CQLBuffer()
        try encode(as: type, into: &buffer)
        return buffer.bytes
    }
}

extension CQLBuffer {
    /// Writes a `[bytes]` holding `value`, or NULL (length -1) for `nil`.
    mutating func writeOptional(_ value: CQLValue?, as type: CQLType) throws(CQLProtocolError) {
        guard let value else {
            writeInt(-1)
            return
        }
        try writeLengthPrefixed { (body: inout CQLBuffer) throws(CQLProtocolError) in
            try value.encode(as: type, into: &body)
        }
    }
}
