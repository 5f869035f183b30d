import CassandraEventSourcing
import XCTest

final class SnapshotPolicyTests: XCTestCase {
    func testNeverSnapshots() {
        XCTAssertFalse(SnapshotPolicy.never.shouldSnapshot(previousVersion: 0, newVersion: 1_000))
    }

    func testEveryEventsSnapshotsWhenASaveCrossesAMultiple() {
        let policy = SnapshotPolicy.everyEvents(10)
        XCTAssertFalse(policy.shouldSnapshot(previousVersion: 0, newVersion: 9))
        XCTAssertTrue(policy.shouldSnapshot(previousVersion: 9, newVersion: 10))
        XCTAssertTrue(policy.shouldSnapshot(previousVersion: 8, newVersion: 12))
        XCTAssertFalse(policy.shouldSnapshot(previousVersion: 10, newVersion: 19))
        XCTAssertTrue(policy.shouldSnapshot(previousVersion: 5, newVersion: 35))
    }

    func testANonPositiveIntervalNeverSnapshots() {
        XCTAssertFalse(SnapshotPolicy.everyEvents(0).shouldSnapshot(previousVersion: 0, newVersion: 10))
        XCTAssertFalse(SnapshotPolicy.everyEvents(-1).shouldSnapshot(previousVersion: 0, newVersion: 10))
    }
}
