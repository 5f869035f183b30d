import CQLProtocol

/// Types untyped CQL constants against a receiver, accepting what Cassandra's
/// `Constants.Literal.testAssignment` accepts and rejecting the rest with its wording.
enum LiteralConversion {
    /// The value of `literal` as `receiver.type`.
    static func value(of literal: Literal, for receiver: Receiver) throws(ExecutionError) -> CQLValue {
        let type = receiver.type
        func reject(_ kind: String, _ text: String) -> ExecutionError {
            .invalid("Invalid \(kind) constant (\(text)) for \"\(receiver.name)\" of type \(type)")
        }
        switch literal {
        case .string(let text):
            switch type {
            case .text: return .text(text)
            case .ascii:
                guard text.utf8.allSatisfy({ $0 < 0x80 }) else { throw .invalid("Invalid ASCII character in string literal") }
                return .ascii(text)
            case .timestamp:
                guard let millis = TemporalText.timestampMillis(text) else {
                    throw .invalid("Unable to coerce '\(text)' to a formatted date (long)")
                }
                return .timestamp(millis)
            case .date:
                guard let days = TemporalText.days(text), let value = Int32(exactly: days) else {
                    throw .invalid("Unable to coerce '\(text)' to a formatted date (long)")
                }
                return .date(value)
            case .time:
                guard let nanos = TemporalText.timeOfDayNanos(text) else {
                    throw .invalid("Unable to coerce '\(text)' to a formatted time (long)")
                }
                return .time(nanos)
            case .inet:
                guard let address = CQLInetAddress(text) else { throw .invalid("Unable to make inet address from '\(text)'") }
                return .inet(address)
            case .duration:
                guard let parts = TemporalText.duration(text) else { throw .invalid("Unable to convert '\(text)' to a duration") }
                return .duration(CQLDuration(months: parts.months, days: parts.days, nanoseconds: parts.nanoseconds))
            default:
                throw reject("STRING", text)
            }
        case .integer(let text):
            switch type {
            case .int:
                guard let value = Int32(text) else { throw .invalid("Unable to make int from '\(text)'") }
                return .int(value)
            case .bigint, .counter:
                guard let value = Int64(text) else { throw .invalid("Unable to make long from '\(text)'") }
                return type == .counter ? .counter(value) : .bigint(value)
            case .smallint:
                guard let value = Int16(text) else { throw .invalid("Unable to make short from '\(text)'") }
                return .smallint(value)
            case .tinyint:
                guard let value = Int8(text) else { throw .invalid("Unable to make byte from '\(text)'") }
                return .tinyint(value)
            case .varint:
                guard let value = CQLVarint(text) else { throw .invalid("Unable to make varint from '\(text)'") }
                return .varint(value)
            case .decimal:
                guard let value = CQLDecimal(text) else { throw .invalid("Unable to make decimal from '\(text)'") }
                return .decimal(value)
            case .double:
                guard let value = Double(text) else { throw .invalid("Unable to make double from '\(text)'") }
                return .double(value)
            case .float:
                guard let value = Float(text) else { throw .invalid("Unable to make float from '\(text)'") }
                return .float(value)
            case .timestamp:
                guard let value = Int64(text) else { throw .invalid("Unable to make long from '\(text)'") }
                return .timestamp(value)
            case .date:
                guard let raw = UInt32(text) else { throw .invalid("Unable to make unsigned int (for date) from '\(text)'") }
                return .date(Int32(bitPattern: raw &- 0x8000_0000))
            case .time:
                guard let value = Int64(text), (0..<86_400_000_000_000).contains(value) else {
                    throw .invalid("Unable to make time from '\(text)'")
                }
                return .time(value)
            default:
                throw reject("INTEGER", text)
            }
        case .float(let text):
            switch type {
            case .double:
                guard let value = parseFloating(text) else { throw .invalid("Unable to make double from '\(text)'") }
                return .double(value)
            case .float:
                guard let value = parseFloating(text) else { throw .invalid("Unable to make float from '\(text)'") }
                return .float(Float(value))
            case .decimal:
                guard let value = CQLDecimal(text) else { throw .invalid("Unable to make decimal from '\(text)'") }
                return .decimal(value)
            default:
                throw reject("FLOAT", text)
            }
        case .boolean(let flag):
            guard type == .boolean else { throw reject("BOOLEAN", String(flag)) }
            return .boolean(flag)
        case .uuid(let uuid):
            switch type {
            case .uuid: return .uuid(uuid)
            case .timeuuid:
                guard uuid.uuid.6 >> 4 == 1 else { throw .invalid("Unsupported UUID type for timeuuid: \(uuid) is not a version 1 UUID") }
                return .timeuuid(uuid)
            default: throw reject("UUID", uuid.uuidString.lowercased())
            }
        case .blob(let bytes):
            guard type == .blob else { throw reject("HEX", "0x" + bytes.map { String($0, radix: 16) }.joined()) }
            return .blob(bytes)
        case .duration(let text):
            guard type == .duration, let parts = TemporalText.duration(text) else { throw reject("DURATION", text) }
            return .duration(CQLDuration(months: parts.months, days: parts.days, nanoseconds: parts.nanoseconds))
        }
    }

    /// `NaN`, `Infinity` and `-Infinity` as well as ordinary decimal notation.
    static func parseFloating(_ text: String) -> Double? {
        switch text {
        case "NaN": .nan
        case "Infinity": .infinity
        case "-Infinity": -.infinity
        default: Double(text)
        }
    }

    /// `-value` for numeric values.
    static func negate(_ value: CQLValue?, receiver: Receiver) throws(ExecutionError) -> CQLValue? {
        switch value {
        case nil: return nil
        case .int(let number)?: return .int(0 &- number)
        case .bigint(let number)?: return .bigint(0 &- number)
        case .smallint(let number)?: return .smallint(0 &- number)
        case .tinyint(let number)?: return .tinyint(0 &- number)
        case .double(let number)?: return .double(-number)
        case .float(let number)?: return .float(-number)
        case .varint(let number)?:
            guard let negated = CQLVarint("-" + number.description) ?? CQLVarint(String(number.description.dropFirst())) else { return value }
            return .varint(negated)
        case .decimal(let number)?:
            let text = number.description
            return CQLDecimal(text.hasPrefix("-") ? String(text.dropFirst()) : "-" + text).map(CQLValue.decimal) ?? value
        default:
            throw .invalid("Invalid negation of a non-numeric value for \(receiver.name)")
        }
    }

    /// Converts a function result to the receiver's type where Cassandra would accept it.
    static func coerce(_ value: CQLValue?, to receiver: Receiver) throws(ExecutionError) -> CQLValue? {
        guard let value else { return nil }
        switch (value, receiver.type) {
        case (.timeuuid, .timeuuid), (.uuid, .uuid), (.timestamp, .timestamp), (.date, .date), (.time, .time),
             (.bigint, .bigint), (.int, .int), (.text, .text), (.blob, .blob), (.float, .float), (.double, .double),
             (.boolean, .boolean):
            return value
        case (.timeuuid(let uuid), .uuid): return .uuid(uuid)
        case (.ascii(let text), .text): return .text(text)
        case (.int(let number), .bigint): return .bigint(Int64(number))
        default:
            throw .invalid("Type error: cannot assign result of function to \(receiver.name) of type \(receiver.type)")
        }
    }
}
