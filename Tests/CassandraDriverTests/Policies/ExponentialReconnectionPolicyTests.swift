import XCTest
@testable import CassandraDriver

final class ExponentialReconnectionPolicyTests: XCTestCase {
    private func delays(_ policy: some ReconnectionPolicy, count: Int) -> [Duration] {
        var schedule = policy.makeSchedule()
        return (0..<count).map { _ in schedule.nextDelay() }
    }

    func testDoublesUpToMaximumWithoutJitter() {
        let policy = ExponentialReconnectionPolicy(baseDelay: .seconds(1), maxDelay: .seconds(10), jitter: 0)
        XCTAssertEqual(delays(policy, count: 6), [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
    }

    func testEachScheduleStartsOver() {
        let policy = ExponentialReconnectionPolicy(baseDelay: .milliseconds(100), maxDelay: .seconds(1), jitter: 0)
        XCTAssertEqual(delays(policy, count: 2), [.milliseconds(100), .milliseconds(200)])
        XCTAssertEqual(delays(policy, count: 2), [.milliseconds(100), .milliseconds(200)])
    }

    func testLongOutageDoesNotOverflow() {
        let policy = ExponentialReconnectionPolicy(baseDelay: .seconds(1), maxDelay: .seconds(600), jitter: 0)
        XCTAssertEqual(delays(policy, count: 200).last, .seconds(600))
    }

    func testJitterStaysWithinSpreadAndBounds() {
        let policy = ExponentialReconnectionPolicy(baseDelay: .seconds(1), maxDelay: .seconds(30), jitter: 0.15, random: SplitMix64(seed: 9))
        let nominal: [Duration] = [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30)]
        let jittered = delays(policy, count: nominal.count)
        for (delay, expected) in zip(jittered, nominal) {
            XCTAssertGreaterThanOrEqual(delay, max(expected * 0.85, .seconds(1)))
            XCTAssertLessThanOrEqual(delay, min(expected * 1.15, .seconds(30)))
        }
        XCTAssertNotEqual(jittered[1], .seconds(2), "jitter moved the delay")
    }

    func testSeededRandomnessIsReproducible() {
        let policy = ExponentialReconnectionPolicy(baseDelay: .seconds(1), maxDelay: .seconds(30), random: SplitMix64(seed: 3))
        let again = ExponentialReconnectionPolicy(baseDelay: .seconds(1), maxDelay: .seconds(30), random: SplitMix64(seed: 3))
        XCTAssertEqual(delays(policy, count: 8), delays(again, count: 8))
    }

    func testArgumentsAreClamped() {
        let policy = ExponentialReconnectionPolicy(baseDelay: .seconds(5), maxDelay: .seconds(1), jitter: 7)
        XCTAssertEqual(policy.maxDelay, .seconds(5))
        XCTAssertEqual(policy.jitter, 1)
    }
}
