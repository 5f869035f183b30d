@testable import CassandraSubscriptions
import XCTest

final class RetryPolicyTests: XCTestCase {
    func testBackoffGrowsGeometricallyUpToTheCap() {
        let policy = Subscription.RetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(100), multiplier: 2,
                                              maxBackoff: .milliseconds(500))
        XCTAssertEqual(policy.backoff(after: 1), .milliseconds(100))
        XCTAssertEqual(policy.backoff(after: 2), .milliseconds(200))
        XCTAssertEqual(policy.backoff(after: 3), .milliseconds(400))
        XCTAssertEqual(policy.backoff(after: 4), .milliseconds(500))
        XCTAssertEqual(policy.backoff(after: 40), .milliseconds(500))
    }

    func testConfigurationsWithUnusableNumbersAreRefused() {
        var configuration = Subscription.Configuration()
        XCTAssertNoThrow(try configuration.validate())
        configuration.batchSize = 0
        XCTAssertThrowsError(try configuration.validate())
        configuration = .init(retry: .init(maxAttempts: 0))
        XCTAssertThrowsError(try configuration.validate())
        configuration = .init(leaseTTL: .milliseconds(500))
        XCTAssertThrowsError(try configuration.validate())
    }
}
