#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraORM
import Synchronization

/// A durable, checkpointed, at-least-once subscription to the changes of one table.
///
/// ```swift
/// let subscription = try log.subscribe(name: "search-indexer", table: "products", operations: [.insert, .update],
///                                      where: ["price": ["$gte": 10]])
/// let task = Task { try await subscription.run { event in try await index(event) } }
/// …
/// task.cancel()   // run returns once the current handler call finished
/// ```
///
/// ## Delivery
/// ``run(_:)`` takes the subscription's lease, resumes from its checkpoint (or from
/// ``Configuration/startPosition``), and reads the change log bucket by bucket in
/// change-id order, only changes older than ``Configuration/settleDelay``. Each change of
/// a selected operation whose fields match the condition goes to the handler; the
/// checkpoint advances only after the handler returned. A handler that throws gets the
/// change again (``ChangeEvent/attempt`` counts) after the ``RetryPolicy`` pause; after
/// ``RetryPolicy/maxAttempts`` the change goes to the dead-letter table
/// (``ChangeLog/deadLetters(subscription:)``) and the subscription moves on.
///
/// A crash between a handler's success and the checkpoint write delivers that change
/// again after the restart: handlers must be idempotent. For
/// ``Configuration/edgeRescan`` after moving to a new bucket, the previous one is read
/// again after its checkpoint; a change found there is delivered late (out of id order).
///
/// ## One active consumer
/// The lease (an LWT row with a TTL) lets one ``Subscription`` instance per name run at a
/// time; others wait and try for it every ``Configuration/pollInterval`` (at least 100 ms). The holder
/// renews it before each change once a third of ``Configuration/leaseTTL`` passed; a
/// handler call longer than the TTL can let a second instance take over while it runs.
public final class Subscription: Sendable {
    /// The subscription's name: its checkpoint, lease and dead letters are keyed by it.
    public let name: String
    /// The captured table it follows.
    public let table: String
    /// The operations it delivers.
    public let operations: Set<ChangeOperation>
    /// The condition a change's fields must satisfy.
    public let condition: ChangeCondition
    /// How it reads, retries and holds its lease.
    public let configuration: Configuration
    /// The log it reads.
    public let changeLog: ChangeLog
    /// This instance's lease owner id (random per instance).
    public let owner: String
    private let counters = Mutex(Statistics())

    init(name: String, table: String, operations: Set<ChangeOperation>, condition: ChangeCondition, configuration: Configuration,
         changeLog: ChangeLog) {
        self.name = name
        self.table = table
        self.operations = operations
        self.condition = condition
        self.configuration = configuration
        self.changeLog = changeLog
        self.owner = UUID().uuidString.lowercased()
    }

    /// What this instance has done so far.
    public var statistics: Statistics { counters.withLock { $0 } }

    /// Delivers changes to `handler` until the task is cancelled, then releases the lease
    /// and returns. Run it once at a time per instance (concurrent runs of one instance
    /// share its lease owner id); run several instances for standby consumers.
    /// - Parameter handler: processes one change; throwing makes it retried (see ``RetryPolicy``).
    /// - Throws: ``SubscriptionError/Code/driver`` when the cluster fails (the checkpoint
    ///   is intact: call `run` again), ``SubscriptionError/Code/decodingFailed`` for a
    ///   corrupt change row.
    public func run(_ handler: (ChangeEvent) async throws -> Void) async throws {
        var consumer = Consumer(subscription: self)
        var failure: (any Error)?
        do {
            try await consumer.run(handler)
        } catch {
            // Cancellation may surface as the driver's `cancelled` error of the request in flight.
            if !(error is CancellationError) && !Task.isCancelled { failure = error }
        }
        if consumer.holdsLease {
            // An unstructured task: the release must still be sent when this task was cancelled.
            let lease = consumer.lease
            await Task { try? await lease.release() }.value
        }
        if let failure { throw failure }
    }

    /// Updates the statistics.
    func count(_ update: (inout Statistics) -> Void) { counters.withLock { update(&$0) } }
}

extension ChangeLog {
    /// A subscription to the changes of `table`; nothing is read before ``Subscription/run(_:)``.
    /// - Parameters:
    ///   - name: the subscription's durable name (its checkpoint survives restarts).
    ///   - table: the captured table.
    ///   - operations: the operations to deliver (at least one).
    ///   - query: a condition on the change's fields, in the ORM's operator vocabulary
    ///     (see ``ChangeCondition``); empty: every change.
    ///   - configuration: polling, retries, lease.
    /// - Returns: the subscription.
    /// - Throws: ``SubscriptionError/Code/invalidArgument``, ``SubscriptionError/Code/invalidCondition``.
    public func subscribe(name: String, table: String, operations: Set<ChangeOperation> = Set(ChangeOperation.allCases),
                          where query: [String: ORMValue] = [:], configuration: Subscription.Configuration = .init())
        throws -> Subscription {
        guard !name.isEmpty, !table.isEmpty else {
            throw SubscriptionError(.invalidArgument, "a subscription needs a name and a table", subscription: name, table: table)
        }
        guard !operations.isEmpty else {
            throw SubscriptionError(.invalidArgument, "subscribe to at least one operation", subscription: name, table: table)
        }
        try configuration.validate()
        let condition: ChangeCondition
        do {
            condition = try ChangeCondition(query)
        } catch {
            var error = error
            error.subscription = name
            error.table = table
            throw error
        }
        return Subscription(name: name, table: table, operations: operations, condition: condition,
                            configuration: configuration, changeLog: self)
    }
}
