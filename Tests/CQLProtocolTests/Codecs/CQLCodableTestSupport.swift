import XCTest
@testable import CQLProtocol

/// Serializes `value` for `type`.
func cqlBytes<T: CQLEncodable>(_ value: T, as type: CQLType) throws -> [UInt8] {
    var buffer = CQLBuffer()
    try value.encode(into: &buffer, as: type)
    return buffer.bytes
}

/// Encodes then decodes `value` as `type`.
func cqlRoundTrip<T: CQLEncodable & CQLDecodable>(_ value: T, as type: CQLType) throws -> T {
    try T(cqlBytes: try cqlBytes(value, as: type)[...], type: type)
}
