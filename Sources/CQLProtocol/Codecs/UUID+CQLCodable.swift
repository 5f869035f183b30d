#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension UUID: CQLEncodable, CQLDecodable {
    /// Encodes into `uuid` columns, or `timeuuid` columns when this is a version 1 UUID.
    /// - Parameters:
    ///   - buffer: The buffer to append to.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns and
    ///   ``CQLProtocolError/Code/invalidValue`` for a non-version-1 UUID in a `timeuuid` column.
    public func encode(into buffer: inout CQLBuffer, as type: CQLType) throws(CQLProtocolError) {
        switch type {
        case .uuid, .timeuuid: try CQLValue.uuid(self).encode(as: type, into: &buffer)
        default: throw .typeMismatch(Self.self, type, accepts: "uuid or timeuuid")
        }
    }

    /// Checks that the column type is one this type decodes from.
    /// - Parameter type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns.
    public static func checkCQLType(_ type: CQLType) throws(CQLProtocolError) {
        switch type {
        case .uuid, .timeuuid: break
        default: throw .typeMismatch(Self.self, type, accepts: "uuid or timeuuid")
        }
    }

    /// Decodes a `uuid` or `timeuuid` column.
    /// - Parameters:
    ///   - bytes: The value's bytes; `nil` is NULL.
    ///   - type: The column type.
    /// - Throws: ``CQLProtocolError/Code/typeMismatch`` for other columns,
    ///   ``CQLProtocolError/Code/unexpectedNull`` for NULL, ``CQLProtocolError/Code/invalidValue``
    ///   for a length other than 16 or a non-version-1 `timeuuid`.
    public init(cqlBytes bytes: ArraySlice<UInt8>?, type: CQLType) throws(CQLProtocolError) {
        try Self.checkCQLType(type)
        switch try Self.nonEmptyValue(bytes, type) {
        case .uuid(let value), .timeuuid(let value): self = value
        case let other: preconditionFailure("uuid column decoded as \(other.kindName)")
        }
    }
}
