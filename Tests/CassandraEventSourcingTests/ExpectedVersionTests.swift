import CassandraEventSourcing
import XCTest

final class ExpectedVersionTests: XCTestCase {
    func testNoStreamIsSatisfiedOnlyByAMissingStream() {
        XCTAssertTrue(ExpectedVersion.noStream.isSatisfied(by: nil))
        XCTAssertFalse(ExpectedVersion.noStream.isSatisfied(by: 1))
    }

    func testExactIsSatisfiedOnlyByThatVersion() {
        XCTAssertTrue(ExpectedVersion.exact(3).isSatisfied(by: 3))
        XCTAssertFalse(ExpectedVersion.exact(3).isSatisfied(by: 2))
        XCTAssertFalse(ExpectedVersion.exact(3).isSatisfied(by: 4))
        XCTAssertFalse(ExpectedVersion.exact(3).isSatisfied(by: nil))
    }

    func testAnyIsAlwaysSatisfied() {
        XCTAssertTrue(ExpectedVersion.any.isSatisfied(by: nil))
        XCTAssertTrue(ExpectedVersion.any.isSatisfied(by: 7))
    }

    func testStreamVersionMapsEmptyStreamsToNoStream() {
        XCTAssertEqual(ExpectedVersion(streamVersion: nil), .noStream)
        XCTAssertEqual(ExpectedVersion(streamVersion: 0), .noStream)
        XCTAssertEqual(ExpectedVersion(streamVersion: 5), .exact(5))
        XCTAssertEqual("\(ExpectedVersion.exact(5))", "exact(5)")
    }
}
