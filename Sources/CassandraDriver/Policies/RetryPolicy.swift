/// Decides whether and where a failed request is tried again: a pure function of a
/// ``RetryContext``.
///
/// Implementations must not retry a non-idempotent request after it may have been applied
/// (a write timeout, write failure, server error or broken connection): applying it twice
/// can corrupt data, for example a counter increment or a list append.
public protocol RetryPolicy: Sendable {
    /// The decision for one failed attempt.
    /// - Parameter context: the failure and what is known about the request.
    /// - Returns: whether to retry, where, and at which consistency.
    func decide(_ context: RetryContext) -> RetryDecision
}
