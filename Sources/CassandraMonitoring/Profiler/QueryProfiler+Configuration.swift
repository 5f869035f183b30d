extension QueryProfiler {
    /// What the profiler samples and how much it keeps.
    public struct Configuration: Sendable {
        /// Which attempts to profile; every attempt by default.
        public var sampling: Sampling = .all
        /// Sampled attempts at least this slow go to ``QueryProfiler/slowQueries()``.
        public var slowQueryThreshold: Duration = .milliseconds(500)
        /// How many slow attempts to keep; the oldest is dropped when full.
        public var slowQueryCapacity: Int = 100
        /// How many of the slowest attempts each statement keeps.
        public var slowestPerStatement: Int = 5
        /// How many distinct statements get a profile; attempts of further statements count
        /// only in ``QueryProfiler/totals()``, which bounds memory under unprepared traffic.
        public var maxStatements: Int = 1000
        /// Latency histogram boundaries, in seconds.
        public var latencyBoundaries: [Double] = Histogram.defaultLatencyBoundaries

        /// Creates the default configuration.
        public init() {}
    }
}
