@testable import CassandraVectorSearch
import XCTest

final class PackedVectorTests: XCTestCase {
    func testComponentsAreLittleEndianFloat32() {
        // 1.0 is 0x3F800000, -2.0 is 0xC0000000.
        XCTAssertEqual(PackedVector.pack([1, -2]), [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0])
        XCTAssertEqual(PackedVector.unpack([0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0], dimensions: 2), [1, -2])
    }

    func testRoundTripKeepsEveryBit() {
        let vector: [Float] = [0, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1, -3.25e-7, .pi]
        let unpacked = PackedVector.unpack(PackedVector.pack(vector)[...], dimensions: vector.count)
        XCTAssertEqual(unpacked?.map(\.bitPattern), vector.map(\.bitPattern))
    }

    func testWrongLengthIsNil() {
        XCTAssertNil(PackedVector.unpack([0, 0, 0x80, 0x3F, 0], dimensions: 1))
        XCTAssertNil(PackedVector.unpack([0, 0, 0x80, 0x3F], dimensions: 2))
        XCTAssertEqual(PackedVector.unpack([UInt8](), dimensions: 0), [])
    }
}
