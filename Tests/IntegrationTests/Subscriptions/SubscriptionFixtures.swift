import CassandraDriver
import CassandraORM
import CassandraSubscriptions
import CQLTesting
import Foundation
import Synchronization
import XCTest

/// A change log with a captured `orders` model on a fresh keyspace, and helpers to run
/// subscriptions for a while.
enum SubscriptionFixtures {
    /// Fast settings: one-second buckets, short settle delay and poll interval.
    static func configuration(name: String = "test", start: Subscription.StartPosition = .now, maxAttempts: Int = 5,
                              leaseTTL: Duration = .seconds(2), batchSize: Int = 100) -> Subscription.Configuration {
        Subscription.Configuration(
            pollInterval: .milliseconds(50), batchSize: batchSize, startPosition: start, settleDelay: .milliseconds(200),
            edgeRescan: .seconds(3), retry: .init(maxAttempts: maxAttempts, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(100)),
            leaseTTL: leaseTTL)
    }

    struct Setup: Sendable {
        let client: CassandraClient
        let log: ChangeLog
        let orders: CapturedModel
    }

    /// Runs `body` with a connected client, the change log schema and a captured `orders` model.
    static func withChangeLog<T: Sendable>(bucketWidth: Duration = .seconds(1), _ body: (Setup) async throws -> T) async throws -> T {
        try await withTestSession { _, keyspace in
            let client = try await connect(keyspace: keyspace)
            let result: Result<T, any Error>
            do {
                let log = try ChangeLog(session: try client.driver, keyspace: keyspace, bucketWidth: bucketWidth, retention: .seconds(3_600))
                try await log.createSchema()
                let orders = log.capture(try await ordersModel(client))
                result = .success(try await body(Setup(client: client, log: log, orders: orders)))
            } catch {
                result = .failure(error)
            }
            try? await client.close()
            return try result.get()
        }
    }

    /// A connected ORM client on `keyspace`.
    static func connect(keyspace: String) async throws -> CassandraClient {
        let target = try await TestServer.shared.target()
        let client = try await CassandraORM.createClient(
            clientOptions: .init(contactPoints: target.contactPoints, keyspace: keyspace, consistency: .one, serialConsistency: .serial),
            ormOptions: .init(migration: .safe))
        try await client.connect()
        return client
    }

    /// The `orders` model: `id uuid` key, `status text`, `total int`, `tags set<text>`.
    static func ordersModel(_ client: CassandraClient) async throws -> Model {
        try await client.loadSchema("orders", fields: ["id": "uuid", "status": "text", "total": "int", "tags": "set<text>"], key: ["id"])
    }

    /// Events collected by a handler, safe to read from the test.
    final class Collector: Sendable {
        private let state = Mutex<[ChangeEvent]>([])
        /// The events so far.
        var events: [ChangeEvent] { state.withLock { $0 } }
        /// Records one.
        func append(_ event: ChangeEvent) { state.withLock { $0.append(event) } }

        /// Waits until `predicate` holds for the events, or fails after `timeout`.
        func wait(timeout: Duration = .seconds(10), file: StaticString = #filePath, line: UInt = #line,
                  until predicate: ([ChangeEvent]) -> Bool) async throws {
            let deadline = ContinuousClock.now + timeout
            while !predicate(events) {
                guard ContinuousClock.now < deadline else {
                    XCTFail("timed out with \(events.count) events", file: file, line: line)
                    return
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    /// Starts `subscription` in a task that records delivered events in `collector`
    /// (after `handler`, which may throw).
    static func start(_ subscription: Subscription, into collector: Collector,
                      handler: @escaping @Sendable (ChangeEvent) async throws -> Void = { _ in }) -> Task<Void, any Error> {
        Task {
            try await subscription.run { event in
                try await handler(event)
                collector.append(event)
            }
        }
    }

    /// Cancels `task` and waits for it; fails if it threw something other than cancellation.
    static func stop(_ task: Task<Void, any Error>, file: StaticString = #filePath, line: UInt = #line) async {
        task.cancel()
        do { try await task.value } catch { XCTFail("run threw \(String(reflecting: error))", file: file, line: line) }
    }
}
