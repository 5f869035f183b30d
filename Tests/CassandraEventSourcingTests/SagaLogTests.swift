@testable import CassandraEventSourcing
import XCTest

final class SagaLogTests: XCTestCase {
    private func log(_ entries: [SagaLog.Entry]) -> SagaLog {
        var log = SagaLog()
        for (offset, entry) in entries.enumerated() { log.apply(entry, version: Int64(offset) + 1, recordedAt: Date(timeIntervalSince1970: Double(offset))) }
        return log
    }

    func testStartedButNotCompletedStepsAreNotCompleted() {
        let log = log([.init(kind: .stepStarted, step: "a"), .init(kind: .stepCompleted, step: "a"),
                       .init(kind: .stepStarted, step: "b")])
        XCTAssertEqual(log.status, .running)
        XCTAssertEqual(log.completedSteps, ["a"])
        XCTAssertNil(log.failedStep)
        XCTAssertEqual(log.version, 3)
        XCTAssertEqual(log.claimedStep?.name, "b")
        XCTAssertEqual(log.claimedStep?.at, Date(timeIntervalSince1970: 2))
    }

    func testCompletingFailingOrReleasingAStepEndsItsClaim() {
        XCTAssertNil(log([.init(kind: .stepStarted, step: "a"), .init(kind: .stepCompleted, step: "a")]).claimedStep)
        XCTAssertNil(log([.init(kind: .stepStarted, step: "a"), .init(kind: .stepReleased, step: "a")]).claimedStep)
        XCTAssertNil(log([.init(kind: .stepStarted, step: "a"), .init(kind: .stepFailed, step: "a", reason: "E")]).claimedStep)
    }

    func testAFailureThenCompensationsEndCompensated() {
        var log = log([.init(kind: .stepStarted, step: "a"), .init(kind: .stepCompleted, step: "a"),
                       .init(kind: .stepStarted, step: "b"), .init(kind: .stepFailed, step: "b", reason: "Boom")])
        XCTAssertEqual(log.failedStep, "b")
        XCTAssertEqual(log.failureReason, "Boom")
        XCTAssertEqual(log.status, .running)
        log.apply(.init(kind: .stepCompensated, step: "a"), version: 5, recordedAt: Date())
        log.apply(.init(kind: .compensated), version: 6, recordedAt: Date())
        XCTAssertEqual(log.compensatedSteps, ["a"])
        XCTAssertEqual(log.status, .compensated)
    }

    func testARetriedStepIsCompletedOnce() {
        let log = log([.init(kind: .stepStarted, step: "a"), .init(kind: .stepStarted, step: "a"),
                       .init(kind: .stepCompleted, step: "a"), .init(kind: .stepCompleted, step: "a"), .init(kind: .completed)])
        XCTAssertEqual(log.completedSteps, ["a"])
        XCTAssertEqual(log.status, .completed)
    }

    func testEntriesRoundTripThroughEventData() throws {
        let entry = SagaLog.Entry(kind: .stepFailed, step: "b", reason: "Boom")
        let data = try SagaLog.eventData(entry)
        XCTAssertEqual(data.eventType, "saga.step-failed")
        let recorded = RecordedEvent(streamID: "saga-1", version: 1, eventType: data.eventType, payload: data.payload,
                                     metadata: [:], recordedAt: .init())
        XCTAssertEqual(try SagaLog.entry(recorded), entry)
        let broken = RecordedEvent(streamID: "saga-1", version: 2, eventType: "saga.x", payload: Array("[]".utf8),
                                   metadata: [:], recordedAt: .init())
        XCTAssertThrowsError(try SagaLog.entry(broken)) { error in
            XCTAssertEqual((error as? EventStoreError)?.code, .decodingFailed)
        }
    }
}
