/// Waits the same delay before every reconnection attempt.
public struct ConstantReconnectionPolicy: ReconnectionPolicy {
    /// The delay before each attempt.
    public let delay: Duration

    /// Creates the policy.
    /// - Parameter delay: the delay before each attempt; negative delays count as zero.
    public init(delay: Duration) {
        self.delay = max(delay, .zero)
    }

    /// A schedule that always answers ``delay``.
    public func makeSchedule() -> any ReconnectionSchedule {
        Schedule(delay: delay)
    }

    /// The schedule of ``ConstantReconnectionPolicy``.
    public struct Schedule: ReconnectionSchedule {
        /// The delay before each attempt.
        public let delay: Duration

        /// Always ``delay``.
        public mutating func nextDelay() -> Duration {
            delay
        }
    }
}
