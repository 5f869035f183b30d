import CQLProtocol

/// `CAST(x AS type)` between numeric types and from numeric, boolean, uuid and text types
/// to text, as Cassandra's `CastFcts` allows.
enum CastConversion {
    private static let numeric: Set<CQLType> = [.tinyint, .smallint, .int, .bigint, .counter, .float, .double, .varint, .decimal]
    private static let textual: Set<CQLType> = [.text, .ascii]

    /// Whether Cassandra supports casting `source` to `target`.
    static func isSupported(from source: CQLType, to target: CQLType) -> Bool {
        if source == target { return true }
        if numeric.contains(source) && numeric.contains(target) { return true }
        if textual.contains(target) { return numeric.contains(source) || textual.contains(source) || [.boolean, .uuid, .timeuuid, .inet, .timestamp, .date, .time].contains(source) }
        return false
    }

    /// Converts serialized `bytes` of `source` to `target`, or `nil` when not representable.
    static func convert(_ bytes: [UInt8], from source: CQLType, to target: CQLType) -> [UInt8]? {
        guard source != target else { return bytes }
        guard let value = try? CQLValue.decode(bytes, as: source) else { return nil }
        let converted: CQLValue?
        if textual.contains(target) {
            converted = text(value).map { target == .ascii ? .ascii($0) : .text($0) }
        } else {
            converted = number(value, as: target)
        }
        return converted.flatMap { try? $0.serialized(as: target) }
    }

    private static func text(_ value: CQLValue) -> String? {
        switch value {
        case .text(let text), .ascii(let text): text
        case .int(let number): String(number)
        case .bigint(let number), .counter(let number): String(number)
        case .smallint(let number): String(number)
        case .tinyint(let number): String(number)
        case .float(let number): String(number)
        case .double(let number): String(number)
        case .varint(let number): number.description
        case .decimal(let number): number.description
        case .boolean(let flag): String(flag)
        case .uuid(let uuid), .timeuuid(let uuid): uuid.uuidString.lowercased()
        case .inet(let address): address.description
        case .timestamp(let millis): String(millis)
        case .date(let days): String(days)
        case .time(let nanos): String(nanos)
        default: nil
        }
    }

    private static func number(_ value: CQLValue, as target: CQLType) -> CQLValue? {
        let double: Double
        switch value {
        case .int(let number): double = Double(number)
        case .bigint(let number), .counter(let number): double = Double(number)
        case .smallint(let number): double = Double(number)
        case .tinyint(let number): double = Double(number)
        case .float(let number): double = Double(number)
        case .double(let number): double = number
        case .varint(let number): double = number.int64Value.map(Double.init) ?? Double(number.description) ?? .nan
        case .decimal(let number): double = Double(number.description) ?? .nan
        default: return nil
        }
        switch target {
        case .int: return Int32(exactly: double.rounded(.towardZero)).map(CQLValue.int)
        case .bigint: return Int64(exactly: double.rounded(.towardZero)).map(CQLValue.bigint)
        case .counter: return Int64(exactly: double.rounded(.towardZero)).map(CQLValue.counter)
        case .smallint: return Int16(exactly: double.rounded(.towardZero)).map(CQLValue.smallint)
        case .tinyint: return Int8(exactly: double.rounded(.towardZero)).map(CQLValue.tinyint)
        case .float: return .float(Float(double))
        case .double: return .double(double)
        case .varint: return Int64(exactly: double.rounded(.towardZero)).map { .varint(CQLVarint($0)) }
        case .decimal: return CQLDecimal(String(double)).map(CQLValue.decimal)
        default: return nil
        }
    }
}
