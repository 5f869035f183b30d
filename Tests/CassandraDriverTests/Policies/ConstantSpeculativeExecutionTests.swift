import XCTest
@testable import CassandraDriver

final class ConstantSpeculativeExecutionTests: XCTestCase {
    private let idempotent = RoutingInfo(isIdempotent: true)

    func testDelayUntilMaxExecutionsStarted() {
        let policy = ConstantSpeculativeExecution(delay: .milliseconds(50), maxExecutions: 3)
        XCTAssertEqual(policy.nextExecutionDelay(for: idempotent, executionsStarted: 1), .milliseconds(50))
        XCTAssertEqual(policy.nextExecutionDelay(for: idempotent, executionsStarted: 2), .milliseconds(50))
        XCTAssertNil(policy.nextExecutionDelay(for: idempotent, executionsStarted: 3))
        XCTAssertNil(policy.nextExecutionDelay(for: idempotent, executionsStarted: 4))
    }

    func testNonIdempotentRequestsAreNeverSpeculated() {
        let policy = ConstantSpeculativeExecution(delay: .milliseconds(50), maxExecutions: 3)
        XCTAssertNil(policy.nextExecutionDelay(for: RoutingInfo(isIdempotent: false), executionsStarted: 1))
    }

    func testMaxExecutionsOfOneMeansNoSpeculation() {
        let policy = ConstantSpeculativeExecution(delay: .milliseconds(50), maxExecutions: 0)
        XCTAssertEqual(policy.maxExecutions, 1)
        XCTAssertNil(policy.nextExecutionDelay(for: idempotent, executionsStarted: 1))
    }
}
