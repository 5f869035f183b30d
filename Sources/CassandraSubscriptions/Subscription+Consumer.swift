#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Subscription {
    /// The lease holder lost the lease to another instance (it expired while not renewed).
    struct LeaseLost: Error {}

    /// One ``Subscription/run(_:)``: the lease, the read position and the delivery loop.
    struct Consumer {
        let subscription: Subscription
        let lease: SubscriptionLease
        let checkpoints: SubscriptionCheckpoints
        var holdsLease = false
        var renewedAt = ContinuousClock.now
        /// The bucket being read and the position in it.
        var current = Checkpoint(bucket: 0, position: ChangeID.lowerBound(milliseconds: 0))
        /// The bucket before, while it is re-read (``Configuration/edgeRescan``).
        var previous: Checkpoint?
        /// What the checkpoints table holds for ``current``'s bucket.
        var persisted: Checkpoint?

        init(subscription: Subscription) {
            self.subscription = subscription
            lease = SubscriptionLease(changeLog: subscription.changeLog, subscription: subscription.name,
                                      owner: subscription.owner, ttl: subscription.configuration.leaseTTL)
            checkpoints = SubscriptionCheckpoints(changeLog: subscription.changeLog, subscription: subscription.name,
                                                  table: subscription.table)
        }

        private var configuration: Configuration { subscription.configuration }
        private var buckets: ChangeBuckets { subscription.changeLog.buckets }

        mutating func run(_ handler: (ChangeEvent) async throws -> Void) async throws {
            while true {
                try Task.checkCancellation()
                guard try await lease.acquire() else {
                    // Each attempt is a Paxos round: never retry faster than every 100 ms.
                    try await Task.sleep(for: max(configuration.pollInterval, .milliseconds(100)))
                    continue
                }
                holdsLease = true
                renewedAt = .now
                subscription.count { $0.leasesAcquired += 1 }
                do {
                    try await consume(handler)
                } catch is LeaseLost {
                    holdsLease = false
                }
            }
        }

        /// Reads and delivers while this instance holds the lease.
        private mutating func consume(_ handler: (ChangeEvent) async throws -> Void) async throws {
            let loaded = try await checkpoints.load()
            if let newest = loaded.first {
                current = newest
                previous = loaded.count > 1 ? loaded[1] : nil
                persisted = newest
            } else {
                current = start()
                previous = nil
                persisted = nil
            }
            while true {
                try Task.checkCancellation()
                try await renewIfDue()
                let horizon = ChangeID.milliseconds(of: Date()) - configuration.settleDelay.milliseconds
                let before = ChangeID.lowerBound(milliseconds: horizon)
                if let rescanned = previous, rescanned.bucket == current.bucket - 1,
                   horizon - buckets.startMilliseconds(of: current.bucket) < configuration.edgeRescan.milliseconds {
                    var position = rescanned
                    while try await readPage(&position, before: before, handler) {}
                    previous = position
                }
                var position = current
                let full = try await readPage(&position, before: before, handler)
                current = position
                if full { continue }
                if buckets.endMilliseconds(of: current.bucket) <= horizon {
                    if current != persisted { try await save(current) }
                    previous = current
                    let next = current.bucket + 1
                    current = Checkpoint(bucket: next, position: ChangeID.lowerBound(milliseconds: buckets.startMilliseconds(of: next)))
                    continue
                }
                if current != persisted { try await save(current) }
                try await Task.sleep(for: configuration.pollInterval)
            }
        }

        /// The position of a subscription without a checkpoint.
        private func start() -> Checkpoint {
            let milliseconds: Int64
            switch configuration.startPosition {
            case .beginning: milliseconds = ChangeID.milliseconds(of: Date()) - subscription.changeLog.retention.milliseconds
            case .now: milliseconds = ChangeID.milliseconds(of: Date())
            case .at(let date): milliseconds = ChangeID.milliseconds(of: date)
            }
            let bucket = buckets.bucket(milliseconds: milliseconds)
            let from = configuration.startPosition == .beginning ? buckets.startMilliseconds(of: bucket) : milliseconds
            return Checkpoint(bucket: bucket, position: ChangeID.lowerBound(milliseconds: from))
        }

        /// Reads one page of `position`'s bucket and handles it, advancing `position`.
        /// - Returns: whether the page was full (more may follow at once).
        private mutating func readPage(_ position: inout Checkpoint, before: UUID, _ handler: (ChangeEvent) async throws -> Void)
            async throws -> Bool {
            let page = try await subscription.changeLog.changes(table: subscription.table, bucket: position.bucket,
                                                                after: position.position, before: before,
                                                                limit: configuration.batchSize)
            subscription.count { $0.polls += 1 }
            var unsaved = false
            for event in page where position.precedes(event.id) {
                try Task.checkCancellation()
                if subscription.operations.contains(event.operation) && subscription.condition.matches(event.fields) {
                    try await renewIfDue()
                    try await deliver(event, handler)
                    position = position.advanced(to: event.id)
                    try await save(position)
                    unsaved = false
                } else {
                    subscription.count { $0.skipped += 1 }
                    position = position.advanced(to: event.id)
                    unsaved = true
                }
                subscription.count { $0.position = event.id }
            }
            if unsaved { try await save(position) }
            return page.count == configuration.batchSize
        }

        /// Calls the handler until it succeeds or the attempts are used up (then dead-letters).
        private mutating func deliver(_ event: ChangeEvent, _ handler: (ChangeEvent) async throws -> Void) async throws {
            let retry = configuration.retry
            var attempt = 1
            while true {
                var delivery = event
                delivery.attempt = attempt
                do {
                    try await handler(delivery)
                    let lag = Duration.milliseconds(ChangeID.milliseconds(of: Date()) - (ChangeID.milliseconds(of: event.id) ?? 0))
                    subscription.count {
                        $0.delivered += 1
                        $0.lastLag = lag
                    }
                    return
                } catch {
                    if Task.isCancelled { throw CancellationError() }
                    subscription.count { $0.failedAttempts += 1 }
                    if attempt >= retry.maxAttempts {
                        try await subscription.changeLog.deadLetter(event, subscription: subscription.name,
                                                                    error: String(describing: error), attempts: attempt)
                        subscription.count { $0.deadLettered += 1 }
                        return
                    }
                    try await Task.sleep(for: retry.backoff(after: attempt))
                    try await renewIfDue()
                    attempt += 1
                }
            }
        }

        private mutating func save(_ checkpoint: Checkpoint) async throws {
            try await checkpoints.save(checkpoint)
            if checkpoint.bucket >= (persisted?.bucket ?? .min) { persisted = checkpoint }
        }

        /// Renews the lease once a third of its TTL passed.
        /// - Throws: ``LeaseLost`` when another instance holds it now.
        private mutating func renewIfDue() async throws {
            guard renewedAt.duration(to: .now) >= configuration.leaseTTL / 3 else { return }
            guard try await lease.renew() else { throw LeaseLost() }
            renewedAt = .now
        }
    }
}
