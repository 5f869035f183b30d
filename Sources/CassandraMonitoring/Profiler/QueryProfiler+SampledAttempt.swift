extension QueryProfiler {
    /// One profiled attempt, as kept in the slow lists.
    public struct SampledAttempt: Sendable, Equatable {
        /// The CQL text.
        public var statement: String
        /// The node, as `address:port`.
        public var node: String
        /// The attempt number, from 1.
        public var attempt: Int
        /// The measured latency.
        public var latency: Duration
        /// The error code's name when the attempt failed (e.g. `server`), else `nil`.
        public var errorCode: String?
        /// The arrival number among all attempts the profiler saw, from 0.
        public var sequence: UInt64

        /// Creates a record.
        /// - Parameters:
        ///   - statement: the CQL text.
        ///   - node: the node.
        ///   - attempt: the attempt number.
        ///   - latency: the measured latency.
        ///   - errorCode: the error code's name, if it failed.
        ///   - sequence: the arrival number.
        public init(statement: String, node: String, attempt: Int, latency: Duration, errorCode: String?, sequence: UInt64) {
            self.statement = statement
            self.node = node
            self.attempt = attempt
            self.latency = latency
            self.errorCode = errorCode
            self.sequence = sequence
        }
    }
}
