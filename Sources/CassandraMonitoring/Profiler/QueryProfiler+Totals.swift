extension QueryProfiler {
    /// Running totals over every attempt the profiler saw, sampled or not: the cheap, exact
    /// inputs for request and error rates.
    public struct Totals: Sendable, Equatable {
        /// Attempts seen.
        public var attempts: UInt64 = 0
        /// Attempts that failed.
        public var failures: UInt64 = 0
        /// The sum of their latencies, in seconds.
        public var latencySeconds: Double = 0
        /// How many times the profiler was reset before these totals began; totals of
        /// different generations cannot be subtracted.
        public var generation: UInt64 = 0

        /// Creates totals.
        /// - Parameters:
        ///   - attempts: attempts seen.
        ///   - failures: attempts that failed.
        ///   - latencySeconds: the sum of their latencies.
        ///   - generation: resets before these totals began.
        public init(attempts: UInt64 = 0, failures: UInt64 = 0, latencySeconds: Double = 0, generation: UInt64 = 0) {
            self.attempts = attempts
            self.failures = failures
            self.latencySeconds = latencySeconds
            self.generation = generation
        }
    }
}
