/// Receives one callback per attempt of every request: the hook for tracing, monitoring and
/// tests. Callbacks run on the requesting task, after the attempt, so keep them cheap.
///
/// ```swift
/// struct SlowQueryLog: RequestObserver {
///     func attemptFinished(_ attempt: RequestAttempt) {
///         if attempt.latency > .milliseconds(100) { /* record it */ }
///     }
/// }
/// ```
public protocol RequestObserver: Sendable {
    /// One attempt finished (successfully or not).
    /// - Parameter attempt: what was sent where, how long it took and how it ended.
    func attemptFinished(_ attempt: RequestAttempt)
}

/// One attempt of one request, as reported to a ``RequestObserver``.
public struct RequestAttempt: Sendable {
    /// How an attempt ended.
    public enum Outcome: Sendable {
        /// The node answered with a result.
        case success
        /// The attempt failed; the driver may retry.
        case failure(CassandraError)
    }

    /// The CQL text (never the bound values); `BATCH` for batches.
    public var statement: String
    /// The node, as `address:port`.
    public var node: String
    /// 1 for the first attempt, 2 for the first retry or speculative execution, …
    public var attempt: Int
    /// The measured time from writing the request to its outcome.
    public var latency: Duration
    /// How it ended.
    public var outcome: Outcome

    /// Creates a report.
    /// - Parameters:
    ///   - statement: the CQL text.
    ///   - node: the node, as `address:port`.
    ///   - attempt: the attempt number, from 1.
    ///   - latency: the measured latency.
    ///   - outcome: how it ended.
    public init(statement: String, node: String, attempt: Int, latency: Duration, outcome: Outcome) {
        self.statement = statement
        self.node = node
        self.attempt = attempt
        self.latency = latency
        self.outcome = outcome
    }
}
