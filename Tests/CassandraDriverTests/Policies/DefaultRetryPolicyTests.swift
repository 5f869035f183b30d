import CQLProtocol
import XCTest
@testable import CassandraDriver

final class DefaultRetryPolicyTests: XCTestCase {
    private let policy = DefaultRetryPolicy()

    private func decide(_ failure: RetryContext.Failure, idempotent: Bool = false, retryCount: Int = 0) -> RetryDecision {
        policy.decide(RetryContext(failure: failure, isIdempotent: idempotent, consistency: .localQuorum, retryCount: retryCount))
    }

    func testReadTimeout() {
        let enoughNoData = RetryContext.Failure.readTimeout(consistency: .quorum, received: 2, blockFor: 2, dataPresent: false)
        XCTAssertEqual(decide(enoughNoData), .retrySameNode(consistency: .quorum))
        XCTAssertEqual(decide(enoughNoData, idempotent: true), .retrySameNode(consistency: .quorum))
        XCTAssertEqual(decide(enoughNoData, retryCount: 1), .rethrow)
        XCTAssertEqual(decide(.readTimeout(consistency: .quorum, received: 2, blockFor: 2, dataPresent: true)), .rethrow)
        XCTAssertEqual(decide(.readTimeout(consistency: .quorum, received: 1, blockFor: 2, dataPresent: false)), .rethrow)
    }

    func testWriteTimeout() {
        let batchLog = RetryContext.Failure.writeTimeout(consistency: .one, received: 0, blockFor: 1, writeType: "BATCH_LOG")
        XCTAssertEqual(decide(batchLog, idempotent: true), .retrySameNode(consistency: .one))
        XCTAssertEqual(decide(batchLog, idempotent: false), .rethrow)
        XCTAssertEqual(decide(batchLog, idempotent: true, retryCount: 1), .rethrow)
        for writeType in ["SIMPLE", "BATCH", "UNLOGGED_BATCH", "COUNTER", "CAS", "VIEW", "CDC"] {
            let failure = RetryContext.Failure.writeTimeout(consistency: .one, received: 0, blockFor: 1, writeType: writeType)
            XCTAssertEqual(decide(failure, idempotent: true), .rethrow, writeType)
        }
    }

    func testUnavailable() {
        let unavailable = RetryContext.Failure.unavailable(consistency: .all, required: 3, alive: 2)
        XCTAssertEqual(decide(unavailable), .retryNextNode(consistency: .all))
        XCTAssertEqual(decide(unavailable, idempotent: true), .retryNextNode(consistency: .all))
        XCTAssertEqual(decide(unavailable, retryCount: 1), .rethrow)
    }

    func testErrorsAfterWhichTheRequestMayHaveRunRetryOnlyIdempotent() {
        for failure in [RetryContext.Failure.overloaded, .serverError, .connectionClosed] {
            XCTAssertEqual(decide(failure, idempotent: true), .retryNextNode(consistency: .localQuorum), "\(failure)")
            XCTAssertEqual(decide(failure, idempotent: true, retryCount: 3), .retryNextNode(consistency: .localQuorum), "\(failure)")
            XCTAssertEqual(decide(failure, idempotent: false), .rethrow, "\(failure)")
        }
    }

    func testBootstrappingCoordinatorRanNothingSoAlwaysNextNode() {
        XCTAssertEqual(decide(.bootstrapping, idempotent: false), .retryNextNode(consistency: .localQuorum))
        XCTAssertEqual(decide(.bootstrapping, idempotent: true, retryCount: 2), .retryNextNode(consistency: .localQuorum))
    }

    func testReadAndWriteFailuresRethrow() {
        XCTAssertEqual(decide(.readFailure(consistency: .one, received: 0, blockFor: 1, failures: 1, dataPresent: false), idempotent: true), .rethrow)
        XCTAssertEqual(decide(.writeFailure(consistency: .one, received: 0, blockFor: 1, failures: 1, writeType: "SIMPLE"), idempotent: true), .rethrow)
    }

    func testNonIdempotentWritesAreNeverRetried() {
        let writeFailures: [RetryContext.Failure] = [
            .writeTimeout(consistency: .one, received: 0, blockFor: 1, writeType: "BATCH_LOG"),
            .writeTimeout(consistency: .one, received: 0, blockFor: 1, writeType: "SIMPLE"),
            .writeFailure(consistency: .one, received: 0, blockFor: 1, failures: 1, writeType: "SIMPLE"),
            .overloaded, .serverError, .connectionClosed,
        ]
        for failure in writeFailures {
            XCTAssertEqual(decide(failure, idempotent: false), .rethrow, "\(failure)")
        }
    }
}
