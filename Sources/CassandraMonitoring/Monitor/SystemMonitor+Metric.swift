extension SystemMonitor {
    /// The name of one sampled value. The standard ones are what ``SystemSampler`` measures;
    /// a custom sampler may add its own.
    public struct Metric: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The name, e.g. `cpu_usage`.
        public var rawValue: String

        /// Creates a metric name.
        /// - Parameter rawValue: the name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The name.
        public var description: String { rawValue }

        /// CPU time (user + system) used by the process since it started, in seconds.
        public static let cpuSeconds = Metric(rawValue: "cpu_seconds")
        /// CPU cores used over the last interval: CPU seconds per wall-clock second.
        public static let cpuUsage = Metric(rawValue: "cpu_usage")
        /// Resident memory, in bytes: current on Linux (`/proc/self/statm`), the peak elsewhere
        /// (`getrusage`'s `ru_maxrss`).
        public static let residentMemoryBytes = Metric(rawValue: "resident_memory_bytes")
        /// Request attempts per second over the last interval.
        public static let requestRate = Metric(rawValue: "request_rate")
        /// The fraction of attempts that failed over the last interval (0 when there were none).
        public static let errorRate = Metric(rawValue: "error_rate")
        /// The mean attempt latency over the last interval, in seconds (absent without attempts).
        public static let meanLatencySeconds = Metric(rawValue: "mean_latency_seconds")
        /// Nodes the session sees up.
        public static let nodesUp = Metric(rawValue: "nodes_up")
        /// Nodes the session sees down.
        public static let nodesDown = Metric(rawValue: "nodes_down")
    }
}
