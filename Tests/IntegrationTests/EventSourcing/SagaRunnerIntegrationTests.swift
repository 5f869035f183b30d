import CassandraDriver
import CassandraEventSourcing
import CQLTesting
import Synchronization
import XCTest

/// ``SagaRunner`` against a real server: a money transfer across two account aggregates.
final class SagaRunnerIntegrationTests: XCTestCase {
    private typealias Fixtures = EventSourcingFixtures
    private typealias Account = Fixtures.Account

    struct AccountClosed: Error {}
    struct CompensationBroke: Error {}

    /// Counts calls by name, and can make a named call fail or cancel once.
    private final class Calls: Sendable {
        enum Fault { case fail, failAlways, cancelOnce }
        private let state = Mutex<(counts: [String: Int], faults: [String: Fault])>(([:], [:]))

        func inject(_ fault: Fault, into name: String) { state.withLock { $0.faults[name] = fault } }
        func count(_ name: String) -> Int { state.withLock { $0.counts[name] ?? 0 } }

        func call(_ name: String) throws {
            let fault: Fault? = state.withLock {
                $0.counts[name, default: 0] += 1
                let fault = $0.faults[name]
                if fault == .cancelOnce { $0.faults[name] = nil }
                return fault
            }
            switch fault {
            case .fail, .failAlways: throw name.hasPrefix("undo") ? CompensationBroke() as any Error : AccountClosed()
            case .cancelOnce: throw CancellationError()
            case nil: break
            }
        }
    }

    /// Changes an account by `amount`, retrying on conflicts.
    private static func change(_ accounts: AggregateRepository<Account>, _ id: String, by amount: Int) async throws {
        while true {
            var account = try await accounts.load(id: id)
            try account.raise(amount >= 0 ? Fixtures.Deposited(amount: amount) : Fixtures.Withdrawn(amount: -amount))
            do {
                try await accounts.save(&account)
                return
            } catch let error as EventStoreError where error.code == .concurrencyConflict {
                continue
            }
        }
    }

    private func transfer(_ amount: Int, from: String, to: String, accounts: AggregateRepository<Account>, calls: Calls) -> Saga {
        Saga(steps: [
            .init("withdraw", action: {
                try calls.call("withdraw")
                try await Self.change(accounts, from, by: -amount)
            }, compensation: {
                try calls.call("undo-withdraw")
                try await Self.change(accounts, from, by: amount)
            }),
            .init("deposit", action: {
                try calls.call("deposit")
                try await Self.change(accounts, to, by: amount)
            }, compensation: {
                try calls.call("undo-deposit")
                try await Self.change(accounts, to, by: -amount)
            }),
            .init("notify", action: { try calls.call("notify") }),
        ])
    }

    private func balances(_ accounts: AggregateRepository<Account>) async throws -> [Int] {
        [try await accounts.load(id: "alice").state.balance, try await accounts.load(id: "bob").state.balance]
    }

    func testASuccessfulSagaRunsEveryStepOnceAndARerunDoesNothing() async throws {
        try await Fixtures.withStore { store, _ in
            let accounts = AggregateRepository<Account>(store: store, registry: Fixtures.registry)
            let calls = Calls()
            let saga = transfer(30, from: "alice", to: "bob", accounts: accounts, calls: calls)
            let runner = SagaRunner(store: store)
            let outcome = try await runner.run(saga, id: "t1")
            XCTAssertEqual(outcome, .completed)
            let again = try await runner.run(saga, id: "t1")
            XCTAssertEqual(again, .completed)
            XCTAssertEqual([calls.count("withdraw"), calls.count("deposit"), calls.count("notify")], [1, 1, 1])
            let result = try await balances(accounts)
            XCTAssertEqual(result, [-30, 30])
            let log = try await Fixtures.events(of: SagaRunner.streamID(for: "t1"), in: store)
            XCTAssertEqual(log.last?.eventType, "saga.completed")
        }
    }

    func testAFailingStepCompensatesTheCompletedStepsInReverse() async throws {
        try await Fixtures.withStore { store, _ in
            let accounts = AggregateRepository<Account>(store: store, registry: Fixtures.registry)
            let calls = Calls()
            calls.inject(.fail, into: "notify")
            let saga = transfer(30, from: "alice", to: "bob", accounts: accounts, calls: calls)
            let outcome = try await SagaRunner(store: store).run(saga, id: "t2")
            XCTAssertEqual(outcome, .compensated(failedStep: "notify", reason: String(reflecting: AccountClosed.self)))
            let result = try await balances(accounts)
            XCTAssertEqual(result, [0, 0])
            XCTAssertEqual([calls.count("undo-withdraw"), calls.count("undo-deposit")], [1, 1])
            let log = try await Fixtures.events(of: SagaRunner.streamID(for: "t2"), in: store).map(\.eventType)
            XCTAssertEqual(log.suffix(4), ["saga.step-failed", "saga.step-compensated", "saga.step-compensated", "saga.compensated"])
            let rerun = try await SagaRunner(store: store).run(saga, id: "t2")
            XCTAssertEqual(rerun, outcome)
            XCTAssertEqual(calls.count("undo-withdraw"), 1)
        }
    }

    func testACancelledRunResumesAtTheInterruptedStep() async throws {
        try await Fixtures.withStore { store, _ in
            let accounts = AggregateRepository<Account>(store: store, registry: Fixtures.registry)
            let calls = Calls()
            calls.inject(.cancelOnce, into: "deposit")
            let saga = transfer(5, from: "alice", to: "bob", accounts: accounts, calls: calls)
            do {
                _ = try await SagaRunner(store: store).run(saga, id: "t3")
                XCTFail("the cancelled run finished")
            } catch is CancellationError {}
            let halfway = try await balances(accounts)
            XCTAssertEqual(halfway, [-5, 0])
            let outcome = try await SagaRunner(store: store).run(saga, id: "t3")
            XCTAssertEqual(outcome, .completed)
            XCTAssertEqual([calls.count("withdraw"), calls.count("deposit"), calls.count("notify")], [1, 2, 1])
            let result = try await balances(accounts)
            XCTAssertEqual(result, [-5, 5])
        }
    }

    func testConcurrentRunnersOfOneSagaRunEachStepOnce() async throws {
        try await Fixtures.withStore { store, _ in
            let accounts = AggregateRepository<Account>(store: store, registry: Fixtures.registry)
            let calls = Calls()
            let saga = transfer(7, from: "alice", to: "bob", accounts: accounts, calls: calls)
            let runner = SagaRunner(store: store)
            let completions = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        do {
                            return try await runner.run(saga, id: "t4") == .completed
                        } catch let error as EventStoreError
                                    where error.code == .concurrencyConflict || error.code == .sagaInProgress {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            XCTAssertGreaterThanOrEqual(completions, 1)
            XCTAssertEqual([calls.count("withdraw"), calls.count("deposit"), calls.count("notify")], [1, 1, 1])
            let result = try await balances(accounts)
            XCTAssertEqual(result, [-7, 7])
        }
    }

    func testALiveClaimExcludesOtherRunnersAndAnExpiredOneIsTakenOver() async throws {
        try await Fixtures.withStore { store, _ in
            let attempts = Mutex(0)
            let nested = Mutex<EventStoreError.Code?>(nil)
            let runner = SagaRunner(store: store)
            let saga = Saga(steps: [.init("only", action: {
                let attempt = attempts.withLock { $0 += 1; return $0 }
                guard attempt == 1 else { return }
                // While this step runs, a second runner finds its claim live.
                do {
                    _ = try await runner.run(Saga(steps: [.init("only", action: {})]), id: "t7")
                } catch let error as EventStoreError {
                    nested.withLock { $0 = error.code }
                }
                throw CancellationError()
            })])
            do {
                _ = try await runner.run(saga, id: "t7")
                XCTFail("the interrupted run finished")
            } catch is CancellationError {}
            XCTAssertEqual(nested.withLock { $0 }, .sagaInProgress)
            // The cancelled run released its claim: a new run proceeds at once.
            let outcome = try await runner.run(saga, id: "t7")
            XCTAssertEqual(outcome, .completed)
            XCTAssertEqual(attempts.withLock { $0 }, 2)
        }
    }

    func testAClaimOlderThanTheStepTimeoutIsTakenOver() async throws {
        try await Fixtures.withStore { store, _ in
            // A runner that crashed after claiming: its claim stays in the log.
            try await store.append(to: SagaRunner.streamID(for: "t8"), expectedVersion: .noStream, events: [
                EventData(eventType: "saga.step-started", payload: Array(#"{"kind":"step-started","step":"only"}"#.utf8)),
            ])
            let runs = Mutex(0)
            let saga = Saga(steps: [.init("only", action: { runs.withLock { $0 += 1 } })])
            do {
                _ = try await SagaRunner(store: store).run(saga, id: "t8")
                XCTFail("a live claim was taken over")
            } catch let error as EventStoreError {
                XCTAssertEqual(error.code, .sagaInProgress)
            }
            XCTAssertEqual(runs.withLock { $0 }, 0)
            let outcome = try await SagaRunner(store: store, stepTimeout: .zero).run(saga, id: "t8")
            XCTAssertEqual(outcome, .completed)
            XCTAssertEqual(runs.withLock { $0 }, 1)
        }
    }

    func testAFailingCompensationStopsTheSagaForAnOperator() async throws {
        try await Fixtures.withStore { store, _ in
            let accounts = AggregateRepository<Account>(store: store, registry: Fixtures.registry)
            let calls = Calls()
            calls.inject(.fail, into: "notify")
            calls.inject(.failAlways, into: "undo-withdraw")
            let saga = transfer(3, from: "alice", to: "bob", accounts: accounts, calls: calls)
            for _ in 0..<2 {
                do {
                    _ = try await SagaRunner(store: store).run(saga, id: "t5")
                    XCTFail("the saga finished although a compensation failed")
                } catch let error as EventStoreError {
                    XCTAssertEqual(error.code, .compensationFailed)
                    XCTAssertEqual(error.stream, "saga-t5")
                }
            }
            XCTAssertEqual([calls.count("undo-deposit"), calls.count("undo-withdraw")], [1, 1])
            let result = try await balances(accounts)
            XCTAssertEqual(result, [-3, 0])
            let duplicate = Saga(steps: [.init("a", action: {}), .init("a", action: {})])
            do {
                _ = try await SagaRunner(store: store).run(duplicate, id: "t6")
                XCTFail("duplicate step names were accepted")
            } catch let error as EventStoreError {
                XCTAssertEqual(error.code, .invalidArgument)
            }
        }
    }
}
