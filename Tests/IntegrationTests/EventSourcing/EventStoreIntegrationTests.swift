import CassandraDriver
import CassandraEventSourcing
import CQLTesting
import XCTest

/// ``EventStore`` against a real server: appends, reads, conflicts and paging.
final class EventStoreIntegrationTests: XCTestCase {
    private typealias Fixtures = EventSourcingFixtures

    private func deposit(_ amount: Int, metadata: [String: String] = [:]) throws -> EventData {
        try Fixtures.registry.encode(Fixtures.Deposited(amount: amount), metadata: metadata)
    }

    func testAppendThenReadReturnsEventsInOrderWithMetadata() async throws {
        try await Fixtures.withStore { store, _ in
            let first = try await store.append(to: "s1", expectedVersion: .noStream,
                                               events: [try deposit(1, metadata: ["user": "ann"]), try deposit(2)])
            XCTAssertEqual(first, 2)
            let second = try await store.append(to: "s1", expectedVersion: .exact(2), events: [try deposit(3)])
            XCTAssertEqual(second, 3)
            let events = try await Fixtures.events(of: "s1", in: store)
            XCTAssertEqual(events.map(\.version), [1, 2, 3])
            XCTAssertEqual(events.map(\.streamID), ["s1", "s1", "s1"])
            XCTAssertEqual(events[0].metadata, ["user": "ann"])
            XCTAssertEqual(events[1].metadata, [:])
            let decoded = try events.map { try Fixtures.registry.decode($0) as? Fixtures.Deposited }
            XCTAssertEqual(decoded, [.init(amount: 1), .init(amount: 2), .init(amount: 3)])
            let tail = try await Fixtures.events(of: "s1", in: store, from: 3)
            XCTAssertEqual(tail.map(\.version), [3])
            let version = try await store.version(of: "s1")
            XCTAssertEqual(version, 3)
            let missing = try await store.version(of: "nothing")
            XCTAssertNil(missing)
            let none = try await Fixtures.events(of: "nothing", in: store)
            XCTAssertEqual(none, [])
        }
    }

    func testStaleExpectedVersionThrowsConflictAndWritesNothing() async throws {
        try await Fixtures.withStore { store, _ in
            try await store.append(to: "s", expectedVersion: .noStream, events: [try deposit(1), try deposit(2)])
            for (expected, description) in [(ExpectedVersion.exact(1), "stale"), (.exact(5), "ahead"), (.noStream, "exists")] {
                do {
                    try await store.append(to: "s", expectedVersion: expected, events: [try deposit(9), try deposit(9)])
                    XCTFail("\(description): the append was applied")
                } catch let error as EventStoreError {
                    XCTAssertEqual(error.code, .concurrencyConflict, description)
                    XCTAssertEqual(error.stream, "s")
                    XCTAssertEqual(error.expectedVersion, expected)
                    XCTAssertEqual(error.actualVersion, 2, description)
                }
            }
            do {
                try await store.append(to: "new", expectedVersion: .exact(1), events: [try deposit(1)])
                XCTFail("an exact version on a missing stream was applied")
            } catch let error as EventStoreError {
                XCTAssertEqual(error.code, .concurrencyConflict)
                XCTAssertNil(error.actualVersion)
            }
            let events = try await Fixtures.events(of: "s", in: store)
            XCTAssertEqual(events.map(\.version), [1, 2])
            let missing = try await Fixtures.events(of: "new", in: store)
            XCTAssertEqual(missing, [])
            let version = try await store.version(of: "s")
            XCTAssertEqual(version, 2)
        }
    }

    func testAnyVersionAppendsAfterTheCurrentHead() async throws {
        try await Fixtures.withStore { store, _ in
            let first = try await store.append(to: "s", expectedVersion: .any, events: [try deposit(1)])
            let second = try await store.append(to: "s", expectedVersion: .any, events: [try deposit(2), try deposit(3)])
            XCTAssertEqual([first, second], [1, 3])
            let events = try await Fixtures.events(of: "s", in: store)
            XCTAssertEqual(events.map(\.version), [1, 2, 3])
        }
    }

    func testConcurrentAppendsAtTheSameVersionExactlyOneWinsPerRound() async throws {
        try await Fixtures.withStore { store, _ in
            let registry = Fixtures.registry
            var version: Int64? = nil
            for round in 0..<5 {
                let expected = ExpectedVersion(streamVersion: version)
                let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for writer in 0..<20 {
                        group.addTask {
                            do {
                                let events = [try registry.encode(Fixtures.Deposited(amount: writer), metadata: ["round": "\(round)"]),
                                              try registry.encode(Fixtures.Withdrawn(amount: writer))]
                                try await store.append(to: "contended", expectedVersion: expected, events: events)
                                return true
                            } catch let error as EventStoreError where error.code == .concurrencyConflict {
                                return false
                            }
                        }
                    }
                    return try await group.reduce(into: [Bool]()) { $0.append($1) }
                }
                XCTAssertEqual(outcomes.filter { $0 }.count, 1, "round \(round)")
                version = (version ?? 0) + 2
            }
            let events = try await Fixtures.events(of: "contended", in: store)
            XCTAssertEqual(events.map(\.version), Array(1...10))
            // Each round's two events come from the same writer.
            for round in 0..<5 {
                let deposit = try XCTUnwrap(try registry.decode(events[2 * round]) as? Fixtures.Deposited)
                let withdrawal = try XCTUnwrap(try registry.decode(events[2 * round + 1]) as? Fixtures.Withdrawn)
                XCTAssertEqual(deposit.amount, withdrawal.amount)
                XCTAssertEqual(events[2 * round].metadata, ["round": "\(round)"])
            }
        }
    }

    func testReadersSeeWholeAppendsOnly() async throws {
        try await Fixtures.withStore { store, _ in
            let registry = Fixtures.registry
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    var version: Int64 = 0
                    for _ in 0..<30 {
                        let events = try (0..<3).map { _ in try registry.encode(Fixtures.Deposited(amount: 1)) }
                        version = try await store.append(to: "atomic", expectedVersion: ExpectedVersion(streamVersion: version),
                                                         events: events)
                    }
                }
                group.addTask {
                    var lastCount = 0
                    while lastCount < 90 {
                        let events = try await Fixtures.events(of: "atomic", in: store, pageSize: 4)
                        XCTAssertEqual(events.count % 3, 0, "a reader saw part of an append")
                        XCTAssertEqual(events.map(\.version), events.isEmpty ? [] : Array(1...Int64(events.count)))
                        XCTAssertGreaterThanOrEqual(events.count, lastCount)
                        lastCount = events.count
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    func testReadPagesThroughManyEvents() async throws {
        try await Fixtures.withStore { store, _ in
            var version: Int64 = 0
            for _ in 0..<25 {
                let batch = try (0..<10).map { try deposit(Int(version) + $0 + 1) }
                version = try await store.append(to: "long", expectedVersion: ExpectedVersion(streamVersion: version), events: batch)
            }
            XCTAssertEqual(version, 250)
            let events = try await Fixtures.events(of: "long", in: store, pageSize: 7)
            XCTAssertEqual(events.map(\.version), Array(1...250))
            let amounts = try events.map { try XCTUnwrap(try Fixtures.registry.decode($0) as? Fixtures.Deposited).amount }
            XCTAssertEqual(amounts, Array(1...250))
            let tail = try await Fixtures.events(of: "long", in: store, from: 241, pageSize: 3)
            XCTAssertEqual(tail.map(\.version), Array(241...250))
        }
    }

    func testInvalidNamesAndArgumentsAreRejected() async throws {
        try await Fixtures.withStore { store, session in
            XCTAssertThrowsError(try EventStore(session: session, keyspace: "bad; DROP")) { error in
                XCTAssertEqual((error as? EventStoreError)?.code, .invalidIdentifier)
            }
            XCTAssertThrowsError(try EventStore(session: session, keyspace: "ks", tables: .init(events: "1events"))) { error in
                XCTAssertEqual((error as? EventStoreError)?.code, .invalidIdentifier)
            }
            for (stream, events) in [("", [try deposit(1)]), ("s", [])] {
                do {
                    try await store.append(to: stream, expectedVersion: .any, events: events)
                    XCTFail("the append of \(events.count) events to '\(stream)' was accepted")
                } catch let error as EventStoreError {
                    XCTAssertEqual(error.code, .invalidArgument)
                }
            }
        }
    }
}
