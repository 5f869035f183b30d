import CassandraDriver
import CassandraEventSourcing
import CQLTesting
import XCTest

/// ``AggregateRepository`` against a real server: load/save, optimistic concurrency.
final class AggregateRepositoryIntegrationTests: XCTestCase {
    private typealias Fixtures = EventSourcingFixtures
    private typealias Account = Fixtures.Account

    func testSaveThenLoadReplaysTheEvents() async throws {
        try await Fixtures.withStore { store, _ in
            let accounts = AggregateRepository<Account>(store: store, registry: Fixtures.registry)
            var account = try await accounts.load(id: "alice")
            XCTAssertEqual(account.persistedVersion, 0)
            try account.raise(Fixtures.Deposited(amount: 50))
            try account.raise(Fixtures.Withdrawn(amount: 20))
            let saved = try await accounts.save(&account, metadata: ["command": "open"])
            XCTAssertEqual(saved.version, 2)
            XCTAssertFalse(saved.snapshotWritten)
            XCTAssertEqual(account.persistedVersion, 2)
            XCTAssertTrue(account.pendingEvents.isEmpty)
            let unchanged = try await accounts.save(&account)
            XCTAssertEqual(unchanged.version, 2)

            let loaded = try await accounts.load(id: "alice")
            XCTAssertEqual(loaded.state, Account(balance: 30, operations: 2))
            XCTAssertEqual(loaded.persistedVersion, 2)
            let stored = try await Fixtures.events(of: "account-alice", in: store)
            XCTAssertEqual(stored.map(\.metadata), [["command": "open"], ["command": "open"]])
        }
    }

    func testASaveFromAStaleLoadConflictsAndLeavesTheAggregatePending() async throws {
        try await Fixtures.withStore { store, _ in
            let accounts = AggregateRepository<Account>(store: store, registry: Fixtures.registry)
            var first = try await accounts.load(id: "bob")
            var second = try await accounts.load(id: "bob")
            try first.raise(Fixtures.Deposited(amount: 10))
            try second.raise(Fixtures.Deposited(amount: 99))
            try await accounts.save(&first)
            do {
                try await accounts.save(&second)
                XCTFail("the stale save was applied")
            } catch let error as EventStoreError {
                XCTAssertEqual(error.code, .concurrencyConflict)
                XCTAssertEqual(error.expectedVersion, .noStream)
                XCTAssertEqual(error.actualVersion, 1)
            }
            XCTAssertEqual(second.pendingEvents.count, 1)
            XCTAssertEqual(second.persistedVersion, 0)
            let loaded = try await accounts.load(id: "bob")
            XCTAssertEqual(loaded.state.balance, 10)
        }
    }

    func testConcurrentSavesOfOneAggregateExactlyOneWinsPerRound() async throws {
        try await Fixtures.withStore { store, _ in
            let accounts = AggregateRepository<Account>(store: store, registry: Fixtures.registry)
            for round in 1...5 {
                let loaded = try await accounts.load(id: "shared")
                XCTAssertEqual(loaded.persistedVersion, Int64(round - 1))
                let winners = try await withThrowingTaskGroup(of: Int?.self) { group in
                    for writer in 1...20 {
                        group.addTask {
                            var account = loaded
                            try account.raise(Fixtures.Deposited(amount: writer))
                            do {
                                try await accounts.save(&account)
                                return writer
                            } catch let error as EventStoreError where error.code == .concurrencyConflict {
                                return nil
                            }
                        }
                    }
                    return try await group.reduce(into: [Int]()) { if let writer = $1 { $0.append(writer) } }
                }
                XCTAssertEqual(winners.count, 1, "round \(round)")
                let after = try await accounts.load(id: "shared")
                XCTAssertEqual(after.persistedVersion, Int64(round))
                XCTAssertEqual(after.state.balance, loaded.state.balance + (winners.first ?? 0))
            }
        }
    }

    func testConcurrentCommandsWithReloadAndRetryAllApplyOnce() async throws {
        try await Fixtures.withStore { store, _ in
            let accounts = AggregateRepository<Account>(store: store, registry: Fixtures.registry)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        while true {
                            var account = try await accounts.load(id: "busy")
                            try account.raise(Fixtures.Deposited(amount: 1))
                            do {
                                try await accounts.save(&account)
                                return
                            } catch let error as EventStoreError where error.code == .concurrencyConflict {
                                continue
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let account = try await accounts.load(id: "busy")
            XCTAssertEqual(account.state, Account(balance: 20, operations: 20))
            XCTAssertEqual(account.persistedVersion, 20)
        }
    }
}
