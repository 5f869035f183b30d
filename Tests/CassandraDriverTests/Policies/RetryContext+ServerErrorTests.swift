import CQLProtocol
import XCTest
@testable import CassandraDriver

final class RetryContextServerErrorTests: XCTestCase {
    func testStructuredDetailsMapToFailures() {
        XCTAssertEqual(RetryContext.Failure(ServerError(message: "", details: .readTimeout(consistency: .quorum, received: 1, blockFor: 2, dataPresent: false))),
                       .readTimeout(consistency: .quorum, received: 1, blockFor: 2, dataPresent: false))
        XCTAssertEqual(RetryContext.Failure(ServerError(message: "", details: .writeTimeout(consistency: .one, received: 0, blockFor: 1, writeType: .batchLog))),
                       .writeTimeout(consistency: .one, received: 0, blockFor: 1, writeType: "BATCH_LOG"))
        XCTAssertEqual(RetryContext.Failure(ServerError(message: "", details: .unavailable(consistency: .all, required: 3, alive: 2))),
                       .unavailable(consistency: .all, required: 3, alive: 2))
        XCTAssertEqual(RetryContext.Failure(ServerError(message: "", details: .readFailure(consistency: .one, received: 0, blockFor: 1, numFailures: 1, dataPresent: true))),
                       .readFailure(consistency: .one, received: 0, blockFor: 1, failures: 1, dataPresent: true))
        XCTAssertEqual(RetryContext.Failure(ServerError(message: "", details: .writeFailure(consistency: .one, received: 0, blockFor: 1, numFailures: 1, writeType: .simple))),
                       .writeFailure(consistency: .one, received: 0, blockFor: 1, failures: 1, writeType: "SIMPLE"))
    }

    func testCodesWithoutDetails() {
        XCTAssertEqual(RetryContext.Failure(ServerError(code: .overloaded, message: "")), .overloaded)
        XCTAssertEqual(RetryContext.Failure(ServerError(code: .isBootstrapping, message: "")), .bootstrapping)
        XCTAssertEqual(RetryContext.Failure(ServerError(code: .serverError, message: "")), .serverError)
        XCTAssertEqual(RetryContext.Failure(ServerError(code: .truncateError, message: "")), .serverError)
    }

    func testFinalErrorsAreNotRetried() {
        XCTAssertNil(RetryContext.Failure(ServerError(code: .syntaxError, message: "")))
        XCTAssertNil(RetryContext.Failure(ServerError(code: .invalid, message: "")))
        XCTAssertNil(RetryContext.Failure(ServerError(message: "", details: .alreadyExists(keyspace: "k", table: "t"))))
        XCTAssertNil(RetryContext.Failure(ServerError(message: "", details: .unprepared(id: [1]))))
    }

    func testClientSideFailures() {
        XCTAssertEqual(CassandraError(.connectionClosed, "").retryFailure, .connectionClosed)
        XCTAssertEqual(CassandraError(.requestTimeout, "").retryFailure, .connectionClosed)
        XCTAssertNil(CassandraError(.typeMismatch, "").retryFailure)
        XCTAssertEqual(CassandraError.server(ServerError(code: .overloaded, message: "")).retryFailure, .overloaded)
    }
}
