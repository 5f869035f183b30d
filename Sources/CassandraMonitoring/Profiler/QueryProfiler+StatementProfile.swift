extension QueryProfiler {
    /// The aggregate of one statement's sampled attempts.
    public struct StatementProfile: Sendable, Equatable {
        /// The CQL text.
        public var statement: String
        /// Sampled attempts.
        public var count: UInt64 = 0
        /// Sampled attempts that failed.
        public var errors: UInt64 = 0
        /// Failures by error code name.
        public var errorCodes: [String: UInt64] = [:]
        /// Latency of sampled attempts, in seconds.
        public var latency: Histogram
        /// The slowest sampled attempts, slowest first.
        public var slowest: [SampledAttempt] = []

        init(statement: String, boundaries: [Double]) {
            self.statement = statement
            latency = Histogram(boundaries: boundaries)
        }

        mutating func add(_ attempt: SampledAttempt, keepingSlowest limit: Int) {
            count += 1
            if let code = attempt.errorCode {
                errors += 1
                errorCodes[code, default: 0] += 1
            }
            latency.record(attempt.latency.inSeconds)
            guard limit > 0 else { return }
            let index = slowest.firstIndex { $0.latency < attempt.latency } ?? slowest.endIndex
            if index < limit {
                slowest.insert(attempt, at: index)
                if slowest.count > limit { slowest.removeLast() }
            }
        }
    }
}
