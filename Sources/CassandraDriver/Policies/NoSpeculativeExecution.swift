/// Never starts speculative executions.
public struct NoSpeculativeExecution: SpeculativeExecutionPolicy {
    /// Creates the policy.
    public init() {}

    /// Always `nil`.
    /// - Parameters:
    ///   - request: ignored.
    ///   - executionsStarted: ignored.
    public func nextExecutionDelay(for request: RoutingInfo, executionsStarted: Int) -> Duration? {
        nil
    }
}
