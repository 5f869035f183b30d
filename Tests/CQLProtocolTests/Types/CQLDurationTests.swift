import XCTest
@testable import CQLProtocol

final class CQLDurationTests: XCTestCase {
    func testDescriptionUsesCassandraUnits() {
        XCTAssertEqual(CQLDuration(months: 14, days: 3, nanoseconds: 3_723_004_005_006).description, "1y2mo3d1h2m3s4ms5us6ns")
        XCTAssertEqual(CQLDuration(days: -2).description, "-2d")
        XCTAssertEqual(CQLDuration().description, "0s")
        XCTAssertEqual(CQLDuration(months: .min, days: .min, nanoseconds: .min).description.first, "-")
    }

    func testSignConsistency() {
        XCTAssertTrue(CQLDuration(months: 1, days: 0, nanoseconds: 5).hasConsistentSigns)
        XCTAssertTrue(CQLDuration(months: -1, days: -1, nanoseconds: 0).hasConsistentSigns)
        XCTAssertFalse(CQLDuration(months: 1, days: 0, nanoseconds: -5).hasConsistentSigns)
    }
}
