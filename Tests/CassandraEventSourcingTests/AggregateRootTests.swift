import CassandraEventSourcing
import XCTest

final class AggregateRootTests: XCTestCase {
    func testANewAggregateStartsEmptyAtVersionZero() {
        let counter = AggregateRoot<Counter>(id: "c1")
        XCTAssertEqual(counter.streamID, "counter-c1")
        XCTAssertEqual(counter.state, Counter())
        XCTAssertEqual(counter.persistedVersion, 0)
        XCTAssertEqual(counter.version, 0)
        XCTAssertTrue(counter.pendingEvents.isEmpty)
    }

    func testRaiseAppliesAndRecordsPendingEvents() throws {
        var counter = AggregateRoot<Counter>(id: "c1", state: Counter(total: 5), version: 3)
        try counter.raise(Added(amount: 2))
        try counter.raise(Added(amount: 3))
        XCTAssertEqual(counter.state.total, 10)
        XCTAssertEqual(counter.persistedVersion, 3)
        XCTAssertEqual(counter.version, 5)
        XCTAssertEqual(counter.pendingEvents.compactMap { $0 as? Added }, [Added(amount: 2), Added(amount: 3)])
    }

    func testARejectedEventIsNeitherAppliedNorRecorded() throws {
        var counter = AggregateRoot<Counter>(id: "c1", state: Counter(total: 99), version: 1)
        XCTAssertThrowsError(try counter.raise(Added(amount: 2)))
        XCTAssertEqual(counter.state.total, 99)
        XCTAssertTrue(counter.pendingEvents.isEmpty)
    }

    func testReplayAdvancesThePersistedVersionWithoutPendingEvents() throws {
        var counter = AggregateRoot<Counter>(id: "c1")
        try counter.replay(Added(amount: 4), version: 1)
        try counter.replay(Reset(), version: 2)
        try counter.replay(Added(amount: 7), version: 3)
        XCTAssertEqual(counter.state.total, 7)
        XCTAssertEqual(counter.persistedVersion, 3)
        XCTAssertTrue(counter.pendingEvents.isEmpty)
    }
}
