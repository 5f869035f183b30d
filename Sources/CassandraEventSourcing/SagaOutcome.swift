/// How a saga ended (see ``SagaRunner/run(_:id:)``).
public enum SagaOutcome: Sendable, Hashable {
    /// Every step completed.
    case completed
    /// A step failed and every completed step was compensated. `reason` is the failing
    /// error's type name (what the log keeps; messages may hold data and are not stored).
    case compensated(failedStep: String, reason: String)
}
