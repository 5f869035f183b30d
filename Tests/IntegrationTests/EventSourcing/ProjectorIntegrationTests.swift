import CassandraDriver
import CassandraEventSourcing
import CQLTesting
import Synchronization
import XCTest

/// ``Projector`` against a real server: checkpoints, resume after a failure, categories.
final class ProjectorIntegrationTests: XCTestCase {
    private typealias Fixtures = EventSourcingFixtures

    /// What a handler saw, and a version at which it fails once.
    private final class Recorder: Sendable {
        struct HandlerFailure: Error {}
        private let state = Mutex<(seen: [String], failOnce: Int64?)>(([], nil))

        init(failOnceAt version: Int64? = nil) {
            state.withLock { $0.failOnce = version }
        }

        var seen: [String] { state.withLock { $0.seen } }

        func handle(_ event: RecordedEvent) throws {
            try state.withLock {
                if $0.failOnce == event.version {
                    $0.failOnce = nil
                    throw HandlerFailure()
                }
                $0.seen.append("\(event.streamID)@\(event.version)")
            }
        }
    }

    private func append(_ count: Int, to stream: String, in store: EventStore) async throws {
        let events = try (0..<count).map { try Fixtures.registry.encode(Fixtures.Deposited(amount: $0)) }
        try await store.append(to: stream, expectedVersion: .any, events: events)
    }

    func testAProjectionResumesAfterAFailureFromItsCheckpoint() async throws {
        try await Fixtures.withStore { store, _ in
            try await append(10, to: "account-a", in: store)
            let recorder = Recorder(failOnceAt: 6)
            let projector = try Projector(name: "balances", store: store) { try recorder.handle($0) }
            do {
                try await projector.catchUp(stream: "account-a")
                XCTFail("the handler's failure did not stop the run")
            } catch let error as EventStoreError {
                XCTAssertEqual(error.code, .handlerFailed)
                XCTAssertEqual(error.stream, "account-a")
                XCTAssertTrue(error.underlying is Recorder.HandlerFailure)
            }
            let stopped = try await projector.checkpoint(of: "account-a")
            XCTAssertEqual(stopped, 5)

            let resumed = try Projector(name: "balances", store: store) { try recorder.handle($0) }
            let handled = try await resumed.catchUp(stream: "account-a")
            XCTAssertEqual(handled, 5)
            XCTAssertEqual(recorder.seen, (1...10).map { "account-a@\($0)" })

            try await append(2, to: "account-a", in: store)
            let more = try await resumed.catchUp(stream: "account-a")
            XCTAssertEqual(more, 2)
            let none = try await resumed.catchUp(stream: "account-a")
            XCTAssertEqual(none, 0)
            XCTAssertEqual(recorder.seen, (1...12).map { "account-a@\($0)" })
            let checkpoint = try await resumed.checkpoint(of: "account-a")
            XCTAssertEqual(checkpoint, 12)
        }
    }

    func testProjectionsKeepSeparateCheckpointsAndCoverACategory() async throws {
        try await Fixtures.withStore { store, _ in
            try await append(3, to: "account-a", in: store)
            try await append(2, to: "account-b", in: store)
            try await append(4, to: "order-1", in: store)
            let streams = try await store.streams(inCategory: "account")
            XCTAssertEqual(streams, ["account-a", "account-b"])
            XCTAssertEqual(EventStore.category(of: "order-1"), "order")
            XCTAssertEqual(EventStore.category(of: "plain"), "plain")

            let accounts = Recorder()
            let accountProjector = try Projector(name: "accounts", store: store) { try accounts.handle($0) }
            let handled = try await accountProjector.catchUp(category: "account")
            XCTAssertEqual(handled, 5)
            XCTAssertEqual(Set(accounts.seen), ["account-a@1", "account-a@2", "account-a@3", "account-b@1", "account-b@2"])

            let audit = Recorder()
            let auditProjector = try Projector(name: "audit", store: store) { try audit.handle($0) }
            try await auditProjector.catchUp(stream: "account-a")
            XCTAssertEqual(audit.seen, ["account-a@1", "account-a@2", "account-a@3"])
            let untouched = try await auditProjector.checkpoint(of: "account-b")
            XCTAssertEqual(untouched, 0)
            XCTAssertThrowsError(try Projector(name: "", store: store) { _ in }) { error in
                XCTAssertEqual((error as? EventStoreError)?.code, .invalidArgument)
            }
        }
    }
}
