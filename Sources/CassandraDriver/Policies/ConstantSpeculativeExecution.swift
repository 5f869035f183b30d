/// Starts another execution of an idempotent request after a fixed delay, up to a total
/// number of executions.
public struct ConstantSpeculativeExecution: SpeculativeExecutionPolicy {
    /// The delay between consecutive executions.
    public let delay: Duration
    /// The most executions of one request, the first included (1 means no speculation).
    public let maxExecutions: Int

    /// Creates the policy.
    /// - Parameters:
    ///   - delay: the delay between executions; negative values count as zero.
    ///   - maxExecutions: executions in total, the first included; at least 1.
    public init(delay: Duration, maxExecutions: Int) {
        self.delay = max(delay, .zero)
        self.maxExecutions = max(maxExecutions, 1)
    }

    /// ``delay`` while fewer than ``maxExecutions`` executions have started and the request
    /// is idempotent, otherwise `nil`.
    /// - Parameters:
    ///   - request: the request; non-idempotent requests are never speculated.
    ///   - executionsStarted: executions started so far.
    public func nextExecutionDelay(for request: RoutingInfo, executionsStarted: Int) -> Duration? {
        guard request.isIdempotent, executionsStarted < maxExecutions else { return nil }
        return delay
    }
}
