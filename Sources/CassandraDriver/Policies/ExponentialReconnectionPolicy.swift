/// Doubles the delay after each failed attempt, up to a maximum, with random jitter so that
/// clients that lost a node together do not reconnect in lockstep.
///
/// Attempt `n` (from 0) waits `min(base * 2^n, max)`, multiplied by a factor drawn
/// uniformly from `1 - jitter ... 1 + jitter`, then clamped into `base ... max`. This is
/// the DataStax Java driver 4 schedule (which uses a jitter of 15%).
///
/// The random numbers come from `Random`. The default, `SystemRandomNumberGenerator`,
/// is stateless, so every schedule draws fresh numbers. A seeded generator makes schedules
/// reproducible: each schedule starts from a copy of the policy's generator.
public struct ExponentialReconnectionPolicy<Random: RandomNumberGenerator & Sendable>: ReconnectionPolicy {
    /// The first delay.
    public let baseDelay: Duration
    /// The largest delay.
    public let maxDelay: Duration
    /// The relative spread of each delay, `0...1`.
    public let jitter: Double
    private let random: Random

    /// Creates the policy.
    /// - Parameters:
    ///   - baseDelay: the first delay; negative values count as zero.
    ///   - maxDelay: the largest delay; raised to `baseDelay` if smaller.
    ///   - jitter: the relative spread, clamped into `0...1`; 0 disables jitter.
    ///   - random: the source of jitter.
    public init(baseDelay: Duration, maxDelay: Duration, jitter: Double = 0.15, random: Random) {
        self.baseDelay = max(baseDelay, .zero)
        self.maxDelay = max(maxDelay, self.baseDelay)
        self.jitter = min(max(jitter, 0), 1)
        self.random = random
    }

    /// A schedule at attempt 0.
    public func makeSchedule() -> any ReconnectionSchedule {
        Schedule(policy: self, random: random)
    }

    /// The schedule of ``ExponentialReconnectionPolicy``.
    public struct Schedule: ReconnectionSchedule {
        private let policy: ExponentialReconnectionPolicy
        private var random: Random
        private var attempt = 0

        fileprivate init(policy: ExponentialReconnectionPolicy, random: Random) {
            self.policy = policy
            self.random = random
        }

        /// The jittered delay of the current attempt; advances to the next.
        public mutating func nextDelay() -> Duration {
            // 2^62 overflows any useful Duration; past the maximum the exponent no longer
            // matters, so stop counting.
            let exponent = min(attempt, 62)
            if attempt < 62 { attempt += 1 }
            let uncapped = policy.baseDelay * Double(Int64(1) << Int64(exponent))
            let delay = min(uncapped, policy.maxDelay)
            guard policy.jitter > 0 else { return delay }
            let factor = Double.random(in: (1 - policy.jitter)...(1 + policy.jitter), using: &random)
            return min(max(delay * factor, policy.baseDelay), policy.maxDelay)
        }
    }
}

extension ExponentialReconnectionPolicy where Random == SystemRandomNumberGenerator {
    /// Creates the policy with system randomness.
    /// - Parameters:
    ///   - baseDelay: the first delay.
    ///   - maxDelay: the largest delay.
    ///   - jitter: the relative spread; 0 disables jitter.
    public init(baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(60), jitter: Double = 0.15) {
        self.init(baseDelay: baseDelay, maxDelay: maxDelay, jitter: jitter, random: SystemRandomNumberGenerator())
    }
}
