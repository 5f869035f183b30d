#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Subscription {
    /// Where a subscription without a checkpoint starts reading.
    public enum StartPosition: Sendable, Hashable {
        /// The oldest changes still retained (now minus ``ChangeLog/retention``).
        case beginning
        /// Changes recorded from the first run on.
        case now
        /// Changes recorded from this instant on.
        case at(Date)
    }

    /// How a failing handler is retried before its change goes to the dead-letter table.
    public struct RetryPolicy: Sendable, Hashable {
        /// Deliveries of one change, the first included, before it is dead-lettered (≥ 1).
        public var maxAttempts: Int
        /// The pause after the first failure.
        public var initialBackoff: Duration
        /// The factor the pause grows by after each further failure.
        public var multiplier: Double
        /// The longest pause.
        public var maxBackoff: Duration

        /// Creates a policy.
        /// - Parameters:
        ///   - maxAttempts: deliveries before dead-lettering.
        ///   - initialBackoff: the first pause.
        ///   - multiplier: the growth factor.
        ///   - maxBackoff: the cap.
        public init(maxAttempts: Int = 5, initialBackoff: Duration = .milliseconds(100), multiplier: Double = 2,
                    maxBackoff: Duration = .seconds(10)) {
            self.maxAttempts = maxAttempts
            self.initialBackoff = initialBackoff
            self.multiplier = multiplier
            self.maxBackoff = maxBackoff
        }

        /// The pause after failed attempt `attempt` (1-based): `initialBackoff × multiplier^(attempt−1)`, capped.
        /// - Parameter attempt: the attempt that failed.
        /// - Returns: the pause.
        public func backoff(after attempt: Int) -> Duration {
            var milliseconds = Double(initialBackoff.milliseconds)
            for _ in 1..<max(attempt, 1) where milliseconds < Double(maxBackoff.milliseconds) { milliseconds *= max(multiplier, 1) }
            return milliseconds >= Double(maxBackoff.milliseconds) ? maxBackoff : .milliseconds(Int64(milliseconds))
        }
    }

    /// How a subscription reads, retries and holds its lease.
    public struct Configuration: Sendable, Hashable {
        /// The pause between polls once the subscriber has caught up.
        public var pollInterval: Duration
        /// The most changes read per query.
        public var batchSize: Int
        /// Where a subscription without a checkpoint starts.
        public var startPosition: StartPosition
        /// Only changes older than this are read, so that a change stamped by a writer
        /// whose clock runs behind, or still in flight, is not skipped: make it larger than
        /// the writers' clock skew plus the longest write latency.
        public var settleDelay: Duration
        /// For this long after the read position crossed into a new bucket, the previous
        /// bucket is read again after its checkpoint, for changes that arrived late there.
        public var edgeRescan: Duration
        /// Retries and dead-lettering of failing handlers.
        public var retry: RetryPolicy
        /// The lease's time to live: another instance takes over this long after the
        /// active one stopped renewing. Renewed every third of it.
        public var leaseTTL: Duration

        /// Creates a configuration.
        /// - Parameters:
        ///   - pollInterval: the pause between polls once caught up.
        ///   - batchSize: changes per query.
        ///   - startPosition: the start without a checkpoint.
        ///   - settleDelay: how old a change must be to be read.
        ///   - edgeRescan: how long the previous bucket is re-read.
        ///   - retry: the retry policy.
        ///   - leaseTTL: the lease's time to live (at least a second).
        public init(pollInterval: Duration = .seconds(1), batchSize: Int = 500, startPosition: StartPosition = .now,
                    settleDelay: Duration = .seconds(5), edgeRescan: Duration = .seconds(30), retry: RetryPolicy = RetryPolicy(),
                    leaseTTL: Duration = .seconds(30)) {
            self.pollInterval = pollInterval
            self.batchSize = batchSize
            self.startPosition = startPosition
            self.settleDelay = settleDelay
            self.edgeRescan = edgeRescan
            self.retry = retry
            self.leaseTTL = leaseTTL
        }

        /// Checks the numbers.
        func validate() throws(SubscriptionError) {
            guard batchSize > 0 else { throw SubscriptionError(.invalidArgument, "batchSize must be positive") }
            guard retry.maxAttempts >= 1 else { throw SubscriptionError(.invalidArgument, "retry.maxAttempts must be at least 1") }
            guard leaseTTL >= .seconds(1) else { throw SubscriptionError(.invalidArgument, "leaseTTL must be at least 1 s (a CQL TTL)") }
            guard pollInterval >= .zero, settleDelay >= .zero, edgeRescan >= .zero else {
                throw SubscriptionError(.invalidArgument, "pollInterval, settleDelay and edgeRescan must not be negative")
            }
        }
    }

    /// What a subscription has done so far in this process; every number is counted or
    /// measured as it happens.
    public struct Statistics: Sendable, Hashable {
        /// Changes the handler accepted.
        public var delivered = 0
        /// Handler calls that threw (each is followed by a retry or a dead letter).
        public var failedAttempts = 0
        /// Changes written to the dead-letter table after the last attempt failed.
        public var deadLettered = 0
        /// Changes read but not delivered: another operation or a condition that did not match.
        public var skipped = 0
        /// Queries of the change log.
        public var polls = 0
        /// Times this subscriber acquired the lease.
        public var leasesAcquired = 0
        /// The id of the last change handled (delivered, dead-lettered or skipped).
        public var position: UUID?
        /// At the last delivery: the time from the change's id timestamp to the handler's
        /// success, by this machine's clock.
        public var lastLag: Duration?
    }
}
