import Foundation
import GraphQL

/// Values in the forms of the generated schema's scalars (as ``CassandraGraphQL`` outputs
/// them): `UUID` lower case, `DateTime` ISO 8601 UTC with milliseconds, `BigInt` decimal
/// digits in a string.
enum GraphQLOutput {
    /// A `UUID`.
    static func uuid(_ value: UUID) -> Map { .string(value.uuidString.lowercased()) }

    /// A `DateTime`.
    static func dateTime(_ value: Date) -> Map {
        .string(Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(value))
    }

    /// A `BigInt`.
    static func bigInt(_ value: Int64) -> Map { .string(String(value)) }

    /// An `Int`.
    static func int(_ value: Int32) -> Map { .number(Number(Int(value))) }

    /// A `String`, or nothing (GraphQL `null`) when absent.
    static func string(_ value: String?) -> Map? { value.map { .string($0) } }
}
