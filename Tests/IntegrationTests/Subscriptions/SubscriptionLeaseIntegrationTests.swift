import CassandraDriver
import CassandraORM
import CassandraSubscriptions
import CQLTesting
import Foundation
import XCTest

/// The lease of a ``Subscription``: one active consumer per name.
final class SubscriptionLeaseIntegrationTests: XCTestCase {
    private typealias Fixtures = SubscriptionFixtures

    func testTwoConsumersOfOneSubscriptionShareTheWorkThroughOneLease() async throws {
        try await Fixtures.withChangeLog { setup in
            let configuration = Fixtures.configuration(leaseTTL: .seconds(2))
            let first = try setup.log.subscribe(name: "shared", table: "orders", configuration: configuration)
            let second = try setup.log.subscribe(name: "shared", table: "orders", configuration: configuration)
            let (firstEvents, secondEvents) = (Fixtures.Collector(), Fixtures.Collector())
            let firstTask = Fixtures.start(first, into: firstEvents)
            let secondTask = Fixtures.start(second, into: secondEvents)
            try await Task.sleep(for: .milliseconds(400))
            var ids: [UUID] = []
            for _ in 0..<10 {
                ids.append(UUID())
                try await setup.orders.save(["id": .uuid(ids.last!)])
            }
            let all = Fixtures.Collector()
            try await all.wait { _ in firstEvents.events.count + secondEvents.events.count >= 10 }
            try await Task.sleep(for: .milliseconds(300))
            XCTAssertEqual(first.statistics.leasesAcquired + second.statistics.leasesAcquired, 1)
            let (active, activeTask, waiting, waitingEvents, waitingTask) = first.statistics.leasesAcquired == 1
                ? (firstEvents, firstTask, second, secondEvents, secondTask) : (secondEvents, secondTask, first, firstEvents, firstTask)
            XCTAssertEqual(active.events.compactMap { $0.key["id"]?.uuidValue }, ids)
            XCTAssertEqual(waitingEvents.events.count, 0)

            // The active one stops (and releases): the other takes over from the checkpoint.
            await Fixtures.stop(activeTask)
            let later = UUID()
            try await setup.orders.save(["id": .uuid(later)])
            try await waitingEvents.wait { $0.contains { $0.key["id"] == .uuid(later) } }
            await Fixtures.stop(waitingTask)
            XCTAssertEqual(waiting.statistics.leasesAcquired, 1)
            XCTAssertEqual(waitingEvents.events.compactMap { $0.key["id"]?.uuidValue }, [later])
        }
    }
}
