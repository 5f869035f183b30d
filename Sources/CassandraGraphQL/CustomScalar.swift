import GraphQL

/// The custom scalars of the generated schema: their names, descriptions and the check their
/// input values pass (``CassandraGraphQL`` installs ``validate(_:)`` as the scalar's
/// `parseValue` and `parseLiteral`, so a malformed value is a validation error before any
/// resolver runs).
public struct CustomScalar: Sendable, Hashable {
    /// The scalar's GraphQL name.
    public let name: String
    /// Its description in the SDL.
    public let description: String

    /// `uuid` and `timeuuid`: the canonical 36-character form.
    public static let uuid = CustomScalar(name: "UUID", description: "A UUID in its 36-character form (uuid, timeuuid).")
    /// `timestamp`: ISO 8601 in UTC with milliseconds.
    public static let dateTime = CustomScalar(
        name: "DateTime", description: "An ISO 8601 date-time; output in UTC with milliseconds (timestamp).")
    /// `date`: `YYYY-MM-DD`.
    public static let date = CustomScalar(name: "Date", description: "A calendar date, YYYY-MM-DD (date).")
    /// 64-bit and arbitrary-precision integers as decimal digits in a string.
    public static let bigInt = CustomScalar(
        name: "BigInt",
        description: "An integer as a string of decimal digits; integer literals are accepted too (bigint, counter, varint, time in nanoseconds).")
    /// `decimal`: an exact decimal number in a string.
    public static let decimal = CustomScalar(
        name: "Decimal", description: "An exact decimal number as a string; numeric literals are accepted too (decimal).")
    /// `blob`: base64.
    public static let blob = CustomScalar(name: "Blob", description: "Bytes in standard base64 (blob).")
    /// Maps, user-defined types, tuples and durations: any JSON value.
    public static let json = CustomScalar(
        name: "JSON",
        description: "Any JSON value: maps and user-defined types are objects, tuples are arrays; inside it, timestamps are written as epoch milliseconds and read as ISO 8601.")

    /// Every custom scalar, in SDL order.
    public static let all: [CustomScalar] = [.bigInt, .blob, .date, .dateTime, .decimal, .json, .uuid]

    /// Checks an input value of this scalar.
    /// - Parameter value: the value from variables or a literal.
    /// - Returns: the value unchanged.
    /// - Throws: a `GraphQLError` naming the expected form.
    public func validate(_ value: Map) throws -> Map {
        if value.isNull || self == .json { return value }
        switch (self, value) {
        case (.uuid, .string(let text)) where ValueCoding.uuid(text) != nil: return value
        case (.dateTime, .string(let text)) where ValueCoding.dateTime(text) != nil: return value
        case (.date, .string(let text)) where ValueCoding.days(text) != nil: return value
        case (.bigInt, .string(let text)) where ValueCoding.isInteger(text): return value
        case (.bigInt, .number(let number)) where number.storageType == .int: return value
        case (.decimal, .string(let text)) where ValueCoding.isDecimal(text): return value
        case (.decimal, .number): return value
        case (.blob, .string(let text)) where ValueCoding.base64(text) != nil: return value
        default: throw GraphQLError(message: "\(name) cannot represent \(value): \(description)")
        }
    }
}
