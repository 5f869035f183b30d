import XCTest
@testable import CassandraDriver

final class NoSpeculativeExecutionTests: XCTestCase {
    func testNeverSpeculates() {
        XCTAssertNil(NoSpeculativeExecution().nextExecutionDelay(for: RoutingInfo(isIdempotent: true), executionsStarted: 1))
    }
}
