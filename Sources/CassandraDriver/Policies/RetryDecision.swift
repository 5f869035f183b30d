import CQLProtocol

/// What the driver does after a failed attempt.
public enum RetryDecision: Sendable, Hashable {
    /// Send the request again to the same node, at `consistency`.
    case retrySameNode(consistency: Consistency)
    /// Send the request to the next node of the query plan, at `consistency`.
    case retryNextNode(consistency: Consistency)
    /// Fail the request with the error.
    case rethrow
    /// Report success with an empty result; for writes whose failure the caller accepts.
    case ignore
}
