import CQLProtocol

/// What a ``RetryPolicy`` knows about a failed attempt: why it failed, and about the
/// request.
public struct RetryContext: Sendable, Hashable {
    /// Why an attempt failed. The server-side cases carry the payload of the matching
    /// ERROR message (native_protocol_v4.spec §9).
    public enum Failure: Sendable, Hashable {
        /// Read_timeout (0x1200): replicas did not answer in time.
        /// - `received`: replicas that answered; `blockFor`: replicas needed;
        ///   `dataPresent`: whether the replica asked for data (not just a digest) answered.
        case readTimeout(consistency: Consistency, received: Int, blockFor: Int, dataPresent: Bool)
        /// Write_timeout (0x1100): replicas did not acknowledge in time; the write may
        /// still have been applied. `writeType` is the spec's string (`SIMPLE`, `BATCH`,
        /// `UNLOGGED_BATCH`, `COUNTER`, `BATCH_LOG`, `CAS`, `VIEW`, `CDC`).
        case writeTimeout(consistency: Consistency, received: Int, blockFor: Int, writeType: String)
        /// Unavailable (0x1000): the coordinator knew up front that too few replicas were
        /// alive, and did not run the request.
        case unavailable(consistency: Consistency, required: Int, alive: Int)
        /// Read_failure (0x1300): replicas answered with errors.
        case readFailure(consistency: Consistency, received: Int, blockFor: Int, failures: Int, dataPresent: Bool)
        /// Write_failure (0x1500): replicas answered with errors; the write may be partly
        /// applied.
        case writeFailure(consistency: Consistency, received: Int, blockFor: Int, failures: Int, writeType: String)
        /// Overloaded (0x1001): the coordinator shed the request.
        case overloaded
        /// Is_bootstrapping (0x1002): the coordinator is still joining and ran nothing.
        case bootstrapping
        /// Server_error (0x0000), Truncate_error (0x1003) and other coordinator-side
        /// errors after which the request may or may not have been applied.
        case serverError
        /// The connection broke (or the request timed out on the client) after the request
        /// was written: it may or may not have been applied.
        case connectionClosed
    }

    /// Why the attempt failed.
    public var failure: Failure
    /// Whether the request may safely run more than once.
    public var isIdempotent: Bool
    /// The consistency the failed attempt used.
    public var consistency: Consistency
    /// How many times this request has already been retried (0 after the first attempt).
    public var retryCount: Int

    /// Creates a context.
    /// - Parameters:
    ///   - failure: why the attempt failed.
    ///   - isIdempotent: whether the request may safely run more than once.
    ///   - consistency: the consistency the attempt used.
    ///   - retryCount: retries already made for this request.
    public init(failure: Failure, isIdempotent: Bool, consistency: Consistency, retryCount: Int) {
        self.failure = failure
        self.isIdempotent = isIdempotent
        self.consistency = consistency
        self.retryCount = retryCount
    }
}
