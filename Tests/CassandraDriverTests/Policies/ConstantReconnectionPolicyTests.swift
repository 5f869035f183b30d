import XCTest
@testable import CassandraDriver

final class ConstantReconnectionPolicyTests: XCTestCase {
    func testAlwaysTheSameDelay() {
        var schedule = ConstantReconnectionPolicy(delay: .seconds(2)).makeSchedule()
        XCTAssertEqual((0..<4).map { _ in schedule.nextDelay() }, Array(repeating: .seconds(2), count: 4))
    }

    func testNegativeDelayIsZero() {
        XCTAssertEqual(ConstantReconnectionPolicy(delay: .seconds(-1)).delay, .zero)
    }
}
