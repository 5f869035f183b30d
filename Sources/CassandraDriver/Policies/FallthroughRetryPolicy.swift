/// A retry policy that never retries: every failure reaches the caller, who decides.
public struct FallthroughRetryPolicy: RetryPolicy {
    /// Creates the policy.
    public init() {}

    /// Always ``RetryDecision/rethrow``.
    /// - Parameter context: ignored.
    public func decide(_ context: RetryContext) -> RetryDecision {
        .rethrow
    }
}
