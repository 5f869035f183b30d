import Foundation

extension DashboardSnapshot {
    /// One change subscription's delivery, as counted by this process.
    public struct SubscriptionStatus: Codable, Sendable {
        /// The subscription name.
        public var name: String
        /// The captured table it follows.
        public var table: String
        /// Changes the handler accepted.
        public var delivered: Int
        /// Handler calls that threw.
        public var failedAttempts: Int
        /// Changes sent to the dead-letter table.
        public var deadLettered: Int
        /// Changes read but not selected (another operation, condition not met).
        public var skipped: Int
        /// Change-log queries.
        public var polls: Int
        /// Times this process acquired the lease.
        public var leasesAcquired: Int
        /// Times `run` failed and was started again.
        public var restarts: Int
        /// The last change handled.
        public var position: UUID?
        /// At the last delivery, seconds from the change's recording to the handler's success.
        public var lastLagSeconds: Double?

        /// Reads a running subscription's statistics now.
        /// - Parameter background: the subscription.
        init(_ background: BackgroundSubscription) {
            let statistics = background.subscription.statistics
            name = background.subscription.name
            table = background.subscription.table
            delivered = statistics.delivered
            failedAttempts = statistics.failedAttempts
            deadLettered = statistics.deadLettered
            skipped = statistics.skipped
            polls = statistics.polls
            leasesAcquired = statistics.leasesAcquired
            restarts = background.restarts
            position = statistics.position
            lastLagSeconds = statistics.lastLag.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
        }
    }
}
