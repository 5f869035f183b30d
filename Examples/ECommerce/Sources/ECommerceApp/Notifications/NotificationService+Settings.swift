import CassandraSubscriptions
import Foundation

extension NotificationService {
    /// How the notification subscriptions read the change log.
    public struct Settings: Sendable {
        /// The pause between polls once caught up.
        public var pollInterval: Duration
        /// Only changes older than this are read (larger than the writers' clock skew plus the
        /// longest write latency).
        public var settleDelay: Duration
        /// The subscriptions' lease time to live: a standby instance takes over this long after
        /// the active one stopped without releasing its lease.
        public var leaseTTL: Duration
        /// Where a subscription without a checkpoint starts.
        public var startPosition: Subscription.StartPosition
        /// The change log's bucket width (one partition per table and bucket).
        public var bucketWidth: Duration
        /// How long changes are kept.
        public var retention: Duration
        /// A stock decrease that leaves fewer units than this raises an alert.
        public var lowStockThreshold: Int32
        /// The pause before a failed subscription runs again.
        public var restartDelay: Duration

        /// Creates settings.
        /// - Parameters:
        ///   - pollInterval: the pause between polls (1 s).
        ///   - settleDelay: the age a change must reach to be read (2 s).
        ///   - leaseTTL: the lease time to live (30 s).
        ///   - startPosition: the start without a checkpoint (`.beginning`: every retained change).
        ///   - bucketWidth: the change log's bucket width (an hour: the catalog and its orders are quiet tables).
        ///   - retention: how long changes are kept (7 days).
        ///   - lowStockThreshold: the low-stock threshold (5 units).
        ///   - restartDelay: the pause before a failed subscription runs again (5 s).
        public init(pollInterval: Duration = .seconds(1), settleDelay: Duration = .seconds(2), leaseTTL: Duration = .seconds(30),
                    startPosition: Subscription.StartPosition = .beginning, bucketWidth: Duration = .seconds(3_600),
                    retention: Duration = .seconds(7 * 86_400), lowStockThreshold: Int32 = 5, restartDelay: Duration = .seconds(5)) {
            self.pollInterval = pollInterval
            self.settleDelay = settleDelay
            self.leaseTTL = leaseTTL
            self.startPosition = startPosition
            self.bucketWidth = bucketWidth
            self.retention = retention
            self.lowStockThreshold = lowStockThreshold
            self.restartDelay = restartDelay
        }

        /// The configuration of each subscription.
        var configuration: Subscription.Configuration {
            Subscription.Configuration(pollInterval: pollInterval, startPosition: startPosition, settleDelay: settleDelay,
                                       leaseTTL: leaseTTL)
        }
    }
}
