@testable import CassandraDriver
import XCTest

final class MonotonicInstantTests: XCTestCase {
    func testAddingADurationMovesByItsNanosecondsAndSaturatesAtTheEnds() {
        let instant = MonotonicInstant(nanoseconds: 1_000)
        XCTAssertEqual((instant + .microseconds(2)).nanoseconds, 3_000)
        XCTAssertEqual((instant + .nanoseconds(-500)).nanoseconds, 500)
        XCTAssertEqual((MonotonicInstant(nanoseconds: .max - 1) + .seconds(1)).nanoseconds, .max)
        XCTAssertEqual((MonotonicInstant(nanoseconds: .min + 1) + .seconds(-1)).nanoseconds, .min)
        XCTAssertEqual((instant + .seconds(Int64.max)).nanoseconds, .max)
    }

    func testTheDifferenceOfTwoInstantsIsADuration() {
        XCTAssertEqual(MonotonicInstant(nanoseconds: 5_000) - MonotonicInstant(nanoseconds: 2_000), .microseconds(3))
        XCTAssertLessThanOrEqual(MonotonicInstant.now, MonotonicInstant.now)
    }
}
