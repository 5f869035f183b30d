#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// `Date` maps to `timestamp` (milliseconds since the Unix epoch) and also to `date`
// (whole days since the epoch, read as midnight UTC).
extension Date: CQLEncodable, CQLDecodable {
    /// Encodes into `timestamp` columns, rounded to the nearest millisecond, or `date`
    /// columns, as the UTC day that contains this instant.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns and
    ///   ``CQLProtocolError/Code/invalidValue`` when the instant is outside the column's range.
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        let seconds = timeIntervalSince1970
        switch type {
        case .timestamp:
            guard let milliseconds = Int64(exactly: (seconds * 1000).rounded(.toNearestOrAwayFromZero)) else {
                throw CQLProtocolError(.invalidValue, "\(seconds) seconds since 1970 is outside the timestamp range")
            }
            buffer.writeInteger(milliseconds)
        case .date:
            guard let days = Int32(exactly: (seconds / 86_400).rounded(.down)) else {
                throw CQLProtocolError(.invalidValue, "\(seconds) seconds since 1970 is outside the date range")
            }
            try CQLValue.date(days).encode(as: .date, into: &buffer)
        default:
            throw .typeMismatch(Self.self, type, accepts: "timestamp or date")
        }
    }

    /// Checks that the column type is one this type decodes from.
    /// - Parameter type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns.
    public static func checkCQLType(_ type: CQLType) throws(CQLProtocolError) {
        switch type {
        case .timestamp, .date: break
        default: throw .typeMismatch(Self.self, type, accepts: "timestamp or date")
        }
    }

    /// Decodes a `timestamp` column, or a `date` column as midnight UTC of that day.
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns,
    ///   ``CQLProtocolError/Code/unexpectedNull`` for NULL, ``CQLProtocolError/Code/invalidValue``
    ///   for a wrong length.
    public init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        try Self.checkCQLType(type)
        switch try Self.nonEmptyValue(bytes, type) {
        case .timestamp(let milliseconds): self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
        case .date(let days): self.init(timeIntervalSince1970: Double(days) * 86_400)
        case let other: preconditionFailure("timestamp column decoded as \(other.kindName)")
        }
    }
}
