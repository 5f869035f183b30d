import XCTest
@testable import CassandraDriver

final class FallthroughRetryPolicyTests: XCTestCase {
    func testNeverRetries() {
        let failures: [RetryContext.Failure] = [
            .readTimeout(consistency: .quorum, received: 2, blockFor: 2, dataPresent: false),
            .unavailable(consistency: .all, required: 3, alive: 1),
            .bootstrapping, .connectionClosed,
        ]
        for failure in failures {
            let context = RetryContext(failure: failure, isIdempotent: true, consistency: .quorum, retryCount: 0)
            XCTAssertEqual(FallthroughRetryPolicy().decide(context), .rethrow)
        }
    }
}
