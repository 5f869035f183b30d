/// The DataStax drivers' default retry policy: retry at most once, and only when a retry
/// is both safe and likely to succeed. The consistency is never lowered.
///
/// | failure | decision |
/// | --- | --- |
/// | read timeout | same node once, if enough replicas answered (`received >= blockFor`) but not the one asked for data (`!dataPresent`) |
/// | write timeout | same node once, if idempotent and `writeType == BATCH_LOG` |
/// | unavailable | next node once (the request was not run) |
/// | bootstrapping | next node, any number of times, idempotent or not (nothing was run) |
/// | overloaded, server error, closed connection | next node, if idempotent |
/// | read failure, write failure | rethrow |
public struct DefaultRetryPolicy: RetryPolicy {
    /// Creates the policy.
    public init() {}

    /// The decision per the table above.
    /// - Parameter context: the failure and what is known about the request.
    /// - Returns: the decision.
    public func decide(_ context: RetryContext) -> RetryDecision {
        let firstRetry = context.retryCount == 0
        switch context.failure {
        case .readTimeout(let consistency, let received, let blockFor, let dataPresent):
            // Enough replicas answered, only the data replica was slow: a second try
            // usually finds it.
            return firstRetry && received >= blockFor && !dataPresent ? .retrySameNode(consistency: consistency) : .rethrow
        case .writeTimeout(let consistency, _, _, let writeType):
            // Only the batch-log write is safe and cheap to repeat; other writes may be
            // partly applied.
            return firstRetry && context.isIdempotent && writeType == "BATCH_LOG"
                ? .retrySameNode(consistency: consistency) : .rethrow
        case .unavailable(let consistency, _, _):
            // Another coordinator may see more replicas alive.
            return firstRetry ? .retryNextNode(consistency: consistency) : .rethrow
        case .bootstrapping:
            // The coordinator ran nothing, so repeating is safe even for non-idempotent
            // requests.
            return .retryNextNode(consistency: context.consistency)
        case .overloaded, .serverError, .connectionClosed:
            return context.isIdempotent ? .retryNextNode(consistency: context.consistency) : .rethrow
        case .readFailure, .writeFailure:
            return .rethrow
        }
    }
}
