#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraORM
import CQLProtocol
import GraphQL

/// Conversions between GraphQL values (`Map`) and ORM values, following the table of
/// ``ColumnMapping``.
enum ValueCoding {
    // MARK: Output

    /// `value` as a GraphQL value of `type`.
    static func output(_ value: ORMValue, as type: ColumnMapping.TypeReference) -> Map {
        if value.isNull { return .null }
        switch type {
        case .list(let element):
            guard case .list(let elements) = value else { return json(value) }
            return .array(elements.map { output($0, as: element) })
        case .named(let scalar):
            return output(value, scalar: scalar)
        }
    }

    private static func output(_ value: ORMValue, scalar: String) -> Map {
        switch (scalar, value) {
        case ("String", .string(let text)): .string(text)
        case ("String", .cql(let cql)): .string(text(cql))
        case ("Int", .int(let number)): .number(Number(Int(number)))
        case ("Float", .double(let number)): .number(Number(number))
        case ("Float", .int(let number)): .number(Number(Double(number)))
        case ("Boolean", .bool(let flag)): .bool(flag)
        case (CustomScalar.bigInt.name, .int(let number)): .string(String(number))
        case (CustomScalar.bigInt.name, .cql(let cql)), (CustomScalar.decimal.name, .cql(let cql)): .string(text(cql))
        case (CustomScalar.uuid.name, .uuid(let uuid)): .string(uuid.uuidString.lowercased())
        case (CustomScalar.dateTime.name, .date(let date)): .string(dateTime(date))
        case (CustomScalar.date.name, .cql(.date(let days))): .string(date(days: Int64(days)))
        case (CustomScalar.blob.name, .bytes(let bytes)): .string(Data(bytes).base64EncodedString())
        default: json(value)
        }
    }

    /// Any ORM value as JSON (the `JSON` scalar).
    static func json(_ value: ORMValue) -> Map {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .number(Number(Int(number)))
        case .double(let number): .number(Number(number))
        case .string(let text): .string(text)
        case .uuid(let uuid): .string(uuid.uuidString.lowercased())
        case .date(let date): .string(dateTime(date))
        case .bytes(let bytes): .string(Data(bytes).base64EncodedString())
        case .list(let elements): .array(elements.map(json))
        case .map(let entries): object(entries.keys.sorted().map { ($0, json(entries[$0]!)) })
        case .cql(let cql): json(cql)
        }
    }

    private static func json(_ value: CQLValue?) -> Map {
        guard let value else { return .null }
        switch value {
        case .ascii(let text), .text(let text): return .string(text)
        case .bigint(let number), .counter(let number), .time(let number): return .number(Number(Int(number)))
        case .int(let number): return .number(Number(Int(number)))
        case .smallint(let number): return .number(Number(Int(number)))
        case .tinyint(let number): return .number(Number(Int(number)))
        case .double(let number): return .number(Number(number))
        case .float(let number): return .number(Number(Double(number)))
        case .boolean(let flag): return .bool(flag)
        case .list(let elements), .set(let elements), .vector(let elements): return .array(elements.map { json($0) })
        case .tuple(let elements): return .array(elements.map { json($0) })
        case .map(let entries): return object(entries.map { (text($0.key), json($0.value)) })
        case .udt(let fields): return object(fields.map { ($0.name, json($0.value)) })
        case .empty: return .null
        default: return .string(text(value))
        }
    }

    /// A JSON object with `entries` in this order (a repeated key keeps the last value).
    private static func object(_ entries: [(String, Map)]) -> Map {
        var object: Map = [:]
        for (key, value) in entries { object[key] = value }
        return object
    }

    /// The text form of a scalar CQL value (map keys, `inet`, `varint`, `decimal`, `date`).
    private static func text(_ value: CQLValue) -> String {
        switch value {
        case .ascii(let text), .text(let text): text
        case .uuid(let uuid), .timeuuid(let uuid): uuid.uuidString.lowercased()
        case .timestamp(let milliseconds): dateTime(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        case .date(let days): date(days: Int64(days))
        case .decimal(let decimal): decimal.description
        case .varint(let varint): varint.description
        case .inet(let address): address.description
        case .blob(let bytes), .custom(let bytes): Data(bytes).base64EncodedString()
        case .bigint(let number), .counter(let number), .time(let number): String(number)
        case .int(let number): String(number)
        case .smallint(let number): String(number)
        case .tinyint(let number): String(number)
        case .double(let number): String(number)
        case .float(let number): String(number)
        case .boolean(let flag): String(flag)
        case .duration(let duration): duration.description
        default: "\(value)"
        }
    }

    // MARK: Input

    /// A GraphQL input value of `type` as an ORM value.
    /// - Throws: ``GraphQLServiceError/Code/invalidArgument``.
    static func input(_ value: Map, as type: ColumnMapping.TypeReference, path: String) throws(GraphQLServiceError) -> ORMValue {
        if value.isNull || value.isUndefined { return .null }
        switch type {
        case .list(let element):
            guard case .array(let elements) = value else {
                throw GraphQLServiceError(.invalidArgument, "expected a list", path: path)
            }
            var result: [ORMValue] = []
            for item in elements { result.append(try input(item, as: element, path: path)) }
            return .list(result)
        case .named(let scalar):
            return try input(value, scalar: scalar, path: path)
        }
    }

    private static func input(_ value: Map, scalar: String, path: String) throws(GraphQLServiceError) -> ORMValue {
        switch (scalar, value) {
        case ("String", .string(let text)): return .string(text)
        case ("Int", .number(let number)): return .int(Int64(number.intValue))
        case ("Float", .number(let number)): return .double(number.doubleValue)
        case ("Boolean", .bool(let flag)): return .bool(flag)
        case (CustomScalar.uuid.name, .string(let text)):
            if let uuid = uuid(text) { return .uuid(uuid) }
        case (CustomScalar.dateTime.name, .string(let text)):
            if let date = dateTime(text) { return .date(date) }
        case (CustomScalar.date.name, .string(let text)):
            if let days = days(text) { return .cql(.date(Int32(clamping: days))) }
        case (CustomScalar.bigInt.name, .string(let text)) where isInteger(text):
            return Int64(text).map(ORMValue.int) ?? .string(text)
        case (CustomScalar.bigInt.name, .number(let number)) where number.storageType == .int:
            return .int(number.int64Value)
        case (CustomScalar.decimal.name, .string(let text)) where isDecimal(text): return .string(text)
        case (CustomScalar.decimal.name, .number(let number)):
            return number.storageType == .int ? .string(String(number.int64Value)) : .double(number.doubleValue)
        case (CustomScalar.blob.name, .string(let text)):
            if let bytes = base64(text) { return .bytes(bytes) }
        case (CustomScalar.json.name, _): return json(value)
        default: break
        }
        throw GraphQLServiceError(.invalidArgument, "the value does not fit \(scalar)", path: path)
    }

    /// A JSON value as an ORM value: objects become maps, arrays lists, integral numbers
    /// integers.
    static func json(_ value: Map) -> ORMValue {
        switch value {
        case .undefined, .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number): number.storageType == .double ? .double(number.doubleValue) : .int(number.int64Value)
        case .string(let text): .string(text)
        case .array(let elements): .list(elements.map(json))
        case .dictionary(let entries): .map(Dictionary(entries.map { ($0.key, json($0.value)) }, uniquingKeysWith: { _, last in last }))
        }
    }

    // MARK: Scalar forms

    /// A UUID in its 36-character form.
    static func uuid(_ text: String) -> UUID? {
        text.utf8.count == 36 ? UUID(uuidString: text) : nil
    }

    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let whole = Date.ISO8601FormatStyle()

    /// An ISO 8601 date-time, with or without fractional seconds.
    static func dateTime(_ text: String) -> Date? {
        (try? fractional.parse(text)) ?? (try? whole.parse(text))
    }

    /// `date` as ISO 8601 in UTC with milliseconds.
    static func dateTime(_ date: Date) -> String {
        date.formatted(fractional)
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian).
    static func days(_ text: String) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        // H. Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The `YYYY-MM-DD` form of a day count since 1970-01-01.
    static func date(days: Int64) -> String {
        // H. Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func padded(_ number: Int64, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whether `text` is an optionally signed run of decimal digits.
    static func isInteger(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        return !digits.isEmpty && digits.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// Whether `text` is a decimal number CQL accepts (`-12.50`, `1E-3`).
    static func isDecimal(_ text: String) -> Bool {
        CQLDecimal(text) != nil
    }

    /// Standard base64.
    static func base64(_ text: String) -> [UInt8]? {
        Data(base64Encoded: text).map { [UInt8]($0) }
    }
}
