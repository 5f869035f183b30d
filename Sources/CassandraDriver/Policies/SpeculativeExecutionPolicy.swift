/// Decides whether to start another execution of a request while earlier ones are still
/// running, and when: a pure function of the request and the executions started so far.
///
/// Speculative executions send the same request to the next node of the plan; the first
/// response wins. Only idempotent requests may be executed speculatively.
public protocol SpeculativeExecutionPolicy: Sendable {
    /// The delay after which to start another execution, measured from the start of the
    /// latest one.
    /// - Parameters:
    ///   - request: the request.
    ///   - executionsStarted: executions started so far, the first (non-speculative) one
    ///     included; 1 when asked after the first execution starts.
    /// - Returns: the delay, or `nil` for no further execution.
    func nextExecutionDelay(for request: RoutingInfo, executionsStarted: Int) -> Duration?
}
