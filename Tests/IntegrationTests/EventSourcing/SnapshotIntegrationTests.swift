import CassandraDriver
import CassandraEventSourcing
import CQLTesting
import XCTest

/// Snapshots against a real server: the policy, loading from them, ordering, fallback.
final class SnapshotIntegrationTests: XCTestCase {
    private typealias Fixtures = EventSourcingFixtures
    private typealias Account = Fixtures.Account

    private func deposit(_ accounts: AggregateRepository<Account>, id: String, times: Int) async throws
        -> [AggregateRepository<Account>.SaveResult] {
        var results: [AggregateRepository<Account>.SaveResult] = []
        for _ in 0..<times {
            var account = try await accounts.load(id: id)
            try account.raise(Fixtures.Deposited(amount: 1))
            results.append(try await accounts.save(&account))
        }
        return results
    }

    func testThePolicyWritesSnapshotsAndLoadsStartFromThem() async throws {
        try await Fixtures.withStore { store, _ in
            let accounts = AggregateRepository<Account>(store: store, registry: Fixtures.registry, snapshotPolicy: .everyEvents(5))
            let results = try await deposit(accounts, id: "carol", times: 12)
            XCTAssertEqual(results.map(\.snapshotWritten), (1...12).map { $0 % 5 == 0 })
            XCTAssertTrue(results.allSatisfy { $0.snapshotError == nil })
            let snapshots = SnapshotStore(store: store)
            let latest = try await snapshots.load(Account.self, stream: "account-carol")
            XCTAssertEqual(latest?.version, 10)
            XCTAssertEqual(latest?.state, Account(balance: 10, operations: 10))

            // A doctored snapshot shows that loads use it and replay only the later events. (It
            // names version 11: at the same version as the real one, the write timestamps tie
            // and Cassandra keeps the larger value, whichever that is.)
            try await snapshots.save(Account(balance: 1_000, operations: 11), stream: "account-carol", version: 11)
            let loaded = try await accounts.load(id: "carol")
            XCTAssertEqual(loaded.state, Account(balance: 1_001, operations: 12))
            XCTAssertEqual(loaded.persistedVersion, 12)

            let withoutSnapshots = AggregateRepository<Account>(store: store, registry: Fixtures.registry)
            let replayed = try await withoutSnapshots.load(id: "carol")
            XCTAssertEqual(replayed.state, Account(balance: 12, operations: 12))
        }
    }

    func testAnOlderSnapshotNeverReplacesANewerOne() async throws {
        try await Fixtures.withStore { store, _ in
            let snapshots = SnapshotStore(store: store)
            try await snapshots.save(Account(balance: 20, operations: 20), stream: "s", version: 20)
            try await snapshots.save(Account(balance: 5, operations: 5), stream: "s", version: 5)
            let latest = try await snapshots.load(Account.self, stream: "s")
            XCTAssertEqual(latest?.version, 20)
            XCTAssertEqual(latest?.state.balance, 20)
            let missing = try await snapshots.load(Account.self, stream: "none")
            XCTAssertNil(missing)
        }
    }

    func testASnapshotThatNoLongerDecodesFallsBackToAFullReplay() async throws {
        struct OtherShape: Codable { var name: String }
        try await Fixtures.withStore { store, _ in
            let accounts = AggregateRepository<Account>(store: store, registry: Fixtures.registry, snapshotPolicy: .everyEvents(100))
            _ = try await deposit(accounts, id: "dave", times: 3)
            let snapshots = SnapshotStore(store: store)
            try await snapshots.save(OtherShape(name: "x"), stream: "account-dave", version: 2)
            do {
                _ = try await snapshots.load(Account.self, stream: "account-dave")
                XCTFail("a snapshot of another shape decoded")
            } catch let error as EventStoreError {
                XCTAssertEqual(error.code, .decodingFailed)
            }
            let loaded = try await accounts.load(id: "dave")
            XCTAssertEqual(loaded.state, Account(balance: 3, operations: 3))
            XCTAssertEqual(loaded.persistedVersion, 3)
        }
    }
}
