import CassandraDriver
import CassandraORM
import CassandraSubscriptions
import CQLProtocol
import CQLTesting
import Foundation
import XCTest

/// ``Subscription`` against a real server: filtering, checkpoints, retries, buckets, writers.
final class SubscriptionIntegrationTests: XCTestCase {
    private typealias Fixtures = SubscriptionFixtures
    private struct Refused: Error {}

    func testDeliversOnlyTheChosenOperationsAndMatchingChanges() async throws {
        try await Fixtures.withChangeLog { setup in
            let subscription = try setup.log.subscribe(
                name: "big-orders", table: "orders", operations: [.insert, .update],
                where: ["total": ["$gte": 100], "status": ["$in": ["new", "paid"]]], configuration: Fixtures.configuration())
            let collector = Fixtures.Collector()
            let task = Fixtures.start(subscription, into: collector)
            try await Task.sleep(for: .milliseconds(300))
            let (small, big) = (UUID(), UUID())
            try await setup.orders.save(["id": .uuid(small), "status": "new", "total": 5])
            try await setup.orders.save(["id": .uuid(big), "status": "new", "total": 150])
            try await setup.orders.update(where: ["id": .uuid(big)], set: ["status": "paid", "total": 150])
            try await setup.orders.update(where: ["id": .uuid(big)], set: ["status": "cancelled", "total": 150])
            try await setup.orders.delete(where: ["id": .uuid(big)])
            let marker = UUID()
            try await setup.orders.save(["id": .uuid(marker), "status": "paid", "total": 999])
            try await collector.wait { $0.contains { $0.key["id"] == .uuid(marker) } }
            await Fixtures.stop(task)
            let events = collector.events
            XCTAssertEqual(events.map(\.operation), [.insert, .update, .insert])
            XCTAssertEqual(events.map { $0.values["status"] }, ["new", "paid", "paid"])
            XCTAssertEqual(events.map { $0.key["id"] }, [.uuid(big), .uuid(big), .uuid(marker)])
            let statistics = subscription.statistics
            XCTAssertEqual(statistics.delivered, 3)
            XCTAssertEqual(statistics.skipped, 3)
            XCTAssertEqual(statistics.position, events.last?.id)
            XCTAssertNotNil(statistics.lastLag)
            XCTAssertGreaterThanOrEqual(statistics.lastLag ?? .zero, .milliseconds(200), "settle delay")
        }
    }

    func testARestartedSubscriberResumesFromItsCheckpointWithoutLoss() async throws {
        try await Fixtures.withChangeLog { setup in
            let configuration = Fixtures.configuration()
            let first = Fixtures.Collector()
            let firstRun = Fixtures.start(try setup.log.subscribe(name: "resume", table: "orders", configuration: configuration), into: first)
            try await Task.sleep(for: .milliseconds(300))
            var ids: [UUID] = []
            for index in 0..<3 {
                ids.append(UUID())
                try await setup.orders.save(["id": .uuid(ids.last!), "total": .int(Int64(index))])
            }
            try await first.wait { $0.count == 3 }
            await Fixtures.stop(firstRun)
            for index in 3..<6 {
                ids.append(UUID())
                try await setup.orders.save(["id": .uuid(ids.last!), "total": .int(Int64(index))])
            }
            let second = Fixtures.Collector()
            let secondRun = Fixtures.start(try setup.log.subscribe(name: "resume", table: "orders", configuration: configuration), into: second)
            try await second.wait { Set($0.compactMap { $0.key["id"]?.uuidValue }).isSuperset(of: ids[3...]) }
            try await Task.sleep(for: .milliseconds(300))
            await Fixtures.stop(secondRun)
            let firstIDs = first.events.compactMap { $0.key["id"]?.uuidValue }
            let secondIDs = second.events.compactMap { $0.key["id"]?.uuidValue }
            XCTAssertEqual(firstIDs, Array(ids[..<3]))
            // At least once: the last change of the first run may come again, nothing earlier does.
            XCTAssertTrue(secondIDs == Array(ids[3...]) || secondIDs == Array(ids[2...]), "\(secondIDs)")
        }
    }

    func testAFailingHandlerGetsTheChangeAgainAndDeadLettersAfterTheLastAttempt() async throws {
        try await Fixtures.withChangeLog { setup in
            let subscription = try setup.log.subscribe(name: "flaky", table: "orders",
                                                       configuration: Fixtures.configuration(maxAttempts: 3))
            let (flaky, poison, after) = (UUID(), UUID(), UUID())
            let attempts = Fixtures.Collector()
            let collector = Fixtures.Collector()
            let task = Fixtures.start(subscription, into: collector) { event in
                attempts.append(event)
                if event.key["id"] == .uuid(flaky) && event.attempt < 3 { throw Refused() }
                if event.key["id"] == .uuid(poison) { throw Refused() }
            }
            try await Task.sleep(for: .milliseconds(300))
            for id in [flaky, poison, after] { try await setup.orders.save(["id": .uuid(id), "status": "new"]) }
            try await collector.wait { $0.contains { $0.key["id"] == .uuid(after) } }
            await Fixtures.stop(task)
            XCTAssertEqual(attempts.events.map(\.attempt), [1, 2, 3, 1, 2, 3, 1])
            XCTAssertEqual(collector.events.compactMap { $0.key["id"]?.uuidValue }, [flaky, after])
            let letters = try await setup.log.deadLetters(subscription: "flaky")
            XCTAssertEqual(letters.map(\.event.key), [["id": .uuid(poison)]])
            XCTAssertEqual(letters.first?.attempts, 3)
            XCTAssertEqual(letters.first?.event.values["status"], "new")
            XCTAssertTrue(letters.first?.error.contains("Refused") ?? false)
            let statistics = subscription.statistics
            XCTAssertEqual([statistics.delivered, statistics.failedAttempts, statistics.deadLettered], [2, 5, 1])
        }
    }

    func testChangesAcrossBucketEdgesAndLateChangesInThePreviousBucketAreDelivered() async throws {
        try await Fixtures.withChangeLog(bucketWidth: .seconds(1)) { setup in
            let subscription = try setup.log.subscribe(name: "rollover", table: "orders", configuration: Fixtures.configuration())
            var noRescanConfiguration = Fixtures.configuration()
            noRescanConfiguration.edgeRescan = .zero
            let noRescan = try setup.log.subscribe(name: "no-rescan", table: "orders", configuration: noRescanConfiguration)
            let (collector, noRescanCollector) = (Fixtures.Collector(), Fixtures.Collector())
            let task = Fixtures.start(subscription, into: collector)
            let noRescanTask = Fixtures.start(noRescan, into: noRescanCollector)
            try await Task.sleep(for: .milliseconds(300))
            var ids: [UUID] = []
            for _ in 0..<4 {
                ids.append(UUID())
                try await setup.orders.save(["id": .uuid(ids.last!)])
                try await Task.sleep(for: .milliseconds(600))
            }
            try await collector.wait { $0.count == 4 }
            try await noRescanCollector.wait { $0.count == 4 }
            let buckets = collector.events.map(\.bucket)
            XCTAssertGreaterThanOrEqual(Set(buckets).count, 2, "\(buckets)")
            XCTAssertEqual(buckets, buckets.sorted())
            XCTAssertEqual(collector.events.compactMap { $0.key["id"]?.uuidValue }, ids)

            // A writer whose clock ran behind: its change lands at the end of the bucket the
            // subscribers already left (the settle horizon is 100–500 ms into the next one).
            let layout = setup.log.buckets
            var horizon = ChangeID.milliseconds(of: UUID.timeBased())! - 200
            while !(100..<500).contains(horizon - layout.startMilliseconds(of: layout.bucket(milliseconds: horizon))) {
                try await Task.sleep(for: .milliseconds(20))
                horizon = ChangeID.milliseconds(of: UUID.timeBased())! - 200
            }
            try await Task.sleep(for: .milliseconds(100))
            let left = layout.bucket(milliseconds: horizon) - 1
            let lateTicks = UInt64(layout.endMilliseconds(of: left) * 10_000 - 1) + TimeUUIDGenerator.unixEpochTicks
            let lateID = TimeUUIDGenerator.uuid(ticks: lateTicks, clockSequence: 0x1234, node: 0x4242_4242_4242)
            XCTAssertEqual(layout.bucket(of: lateID), left)
            let (statement, _) = try await setup.log.recordStatement(table: "orders", operation: .insert, key: ["id": "late"],
                                                                     values: [:], changeID: lateID)
            _ = try await setup.log.session.execute(statement)
            try await collector.wait { $0.contains { $0.id == lateID } }
            try await Task.sleep(for: .milliseconds(500))
            await Fixtures.stop(task)
            await Fixtures.stop(noRescanTask)
            XCTAssertEqual(collector.events.filter { $0.id == lateID }.count, 1)
            XCTAssertEqual(collector.events.last?.bucket, left)
            XCTAssertFalse(noRescanCollector.events.contains { $0.id == lateID }, "without the rescan the late change is missed")
        }
    }

    func testChangesFromSeveralWritersAreAllDeliveredInIdOrderPerBucket() async throws {
        try await Fixtures.withChangeLog { setup in
            let other = try await Fixtures.connect(keyspace: setup.client.keyspace)
            defer { Task { try? await other.close() } }
            let otherLog = try ChangeLog(session: try other.driver, keyspace: setup.client.keyspace, bucketWidth: .seconds(1),
                                         retention: .seconds(3_600))
            let otherOrders = otherLog.capture(try await Fixtures.ordersModel(other))
            let subscription = try setup.log.subscribe(name: "writers", table: "orders", configuration: Fixtures.configuration())
            let collector = Fixtures.Collector()
            let task = Fixtures.start(subscription, into: collector)
            try await Task.sleep(for: .milliseconds(300))
            let written = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for writer in [setup.orders, otherOrders] {
                    group.addTask {
                        var ids: [UUID] = []
                        for _ in 0..<15 {
                            ids.append(UUID())
                            try await writer.save(["id": .uuid(ids.last!), "status": "new"])
                        }
                        return ids
                    }
                }
                return try await group.reduce(into: Set<UUID>()) { $0.formUnion($1) }
            }
            try await collector.wait { Set($0.compactMap { $0.key["id"]?.uuidValue }) == written }
            await Fixtures.stop(task)
            let events = collector.events
            XCTAssertEqual(events.count, 30)
            for (earlier, later) in zip(events, events.dropFirst()) where earlier.bucket == later.bucket {
                XCTAssertTrue(ChangeID.precedes(earlier.id, later.id))
            }
        }
    }

    func testStartPositionsAndCancellation() async throws {
        try await Fixtures.withChangeLog { setup in
            let old = UUID()
            try await setup.orders.save(["id": .uuid(old)])
            try await Task.sleep(for: .milliseconds(300))
            let fromStart = Fixtures.Collector(), fromNow = Fixtures.Collector()
            let startTask = Fixtures.start(try setup.log.subscribe(name: "from-start", table: "orders",
                                                                   configuration: Fixtures.configuration(start: .beginning)), into: fromStart)
            let nowTask = Fixtures.start(try setup.log.subscribe(name: "from-now", table: "orders",
                                                                 configuration: Fixtures.configuration(start: .now)), into: fromNow)
            try await Task.sleep(for: .milliseconds(300))
            let new = UUID()
            try await setup.orders.save(["id": .uuid(new)])
            try await fromStart.wait { $0.count == 2 }
            try await fromNow.wait { $0.count == 1 }
            let began = ContinuousClock.now
            await Fixtures.stop(startTask)
            await Fixtures.stop(nowTask)
            XCTAssertLessThan(began.duration(to: .now), .seconds(2), "cancellation is prompt")
            XCTAssertEqual(fromStart.events.compactMap { $0.key["id"]?.uuidValue }, [old, new])
            XCTAssertEqual(fromNow.events.compactMap { $0.key["id"]?.uuidValue }, [new])
            let rows = try await setup.log.session.execute("SELECT subscription FROM \(setup.client.keyspace).change_leases")
            XCTAssertEqual(rows.count, 0, "cancelled subscriptions release their leases")
        }
    }
}

/// ``Subscription/events()``: the loop form of ``Subscription/run(_:)``.
final class ChangeEventsIntegrationTests: XCTestCase {
    private typealias Fixtures = SubscriptionFixtures

    func testALoopReceivesChangesInOrderAndAChangeLeftInHandIsDeliveredAgain() async throws {
        try await Fixtures.withChangeLog { setup in
            let configuration = Fixtures.configuration(start: .at(Date().addingTimeInterval(-1)))
            let ids = (0..<3).map { _ in UUID() }
            for (index, id) in ids.enumerated() {
                try await setup.orders.save(["id": .uuid(id), "total": .int(Int64(index))])
            }
            let first = try setup.log.subscribe(name: "loop", table: "orders", configuration: configuration)
            let seen = try await Self.withinTenSeconds {
                var seen: [UUID] = []
                for try await event in first.events() {
                    guard case .uuid(let id)? = event.key["id"] else { break }
                    seen.append(id)
                    if seen.count == 2 { break }     // the second change is in hand, not handled
                }
                return seen
            }
            XCTAssertEqual(seen, Array(ids.prefix(2)))
            XCTAssertEqual(first.statistics.delivered, 1, "only the change the loop moved past counts as handled")

            // A new instance resumes from the checkpoint: the change left in hand comes again,
            // then the rest (the handled one may come again too if its checkpoint write was cut
            // short by the cancellation: at least once).
            let again = try setup.log.subscribe(name: "loop", table: "orders", configuration: configuration)
            let resumed = try await Self.withinTenSeconds {
                var resumed: [UUID] = []
                for try await event in again.events() {
                    guard case .uuid(let id)? = event.key["id"] else { break }
                    resumed.append(id)
                    if id == ids[2] || resumed.count == 4 { break }
                }
                return resumed
            }
            XCTAssertEqual(Array(resumed.suffix(2)), Array(ids.suffix(2)))
            XCTAssertTrue(resumed == Array(ids.suffix(2)) || resumed == ids, "\(resumed)")
        }
    }

    func testCancellingTheIteratingTaskEndsTheLoopAndReleasesTheLease() async throws {
        try await Fixtures.withChangeLog { setup in
            let subscription = try setup.log.subscribe(name: "cancelled-loop", table: "orders",
                                                       configuration: Fixtures.configuration(leaseTTL: .seconds(30)))
            let loop = Task {
                var count = 0
                for try await _ in subscription.events() { count += 1 }
                return count
            }
            try await Task.sleep(for: .milliseconds(300))
            loop.cancel()
            let count = try await loop.value
            XCTAssertEqual(count, 0)
            // The lease was released: another instance with a 30-second lease gets it at once.
            let before = Date().addingTimeInterval(-1)
            let other = try setup.log.subscribe(name: "cancelled-loop", table: "orders",
                                                configuration: Fixtures.configuration(start: .at(before), leaseTTL: .seconds(30)))
            try await setup.orders.save(["id": .uuid(UUID()), "total": 1])
            let received = try await Self.withinTenSeconds {
                var received = 0
                for try await _ in other.events() {
                    received += 1
                    break
                }
                return received
            }
            XCTAssertEqual(received, 1)
        }
    }

    /// `body`'s result, or a failure after ten seconds (a loop that never ends must not hang the suite).
    private static func withinTenSeconds<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(10))
                return nil
            }
            defer { group.cancelAll() }
            guard let result = try await group.next()!  else {
                XCTFail("timed out")
                throw CancellationError()
            }
            return result
        }
    }
}
