/// A process spanning several aggregates: steps run in order, and when one fails the steps
/// already done are compensated in reverse order. Run it with a ``SagaRunner``.
///
/// ```swift
/// let transfer = Saga(steps: [
///     .init("withdraw", action: { try await withdraw(10, from: "alice") },
///           compensation: { try await deposit(10, to: "alice") }),
///     .init("deposit", action: { try await deposit(10, to: "bob") },
///           compensation: { try await withdraw(10, from: "bob") }),
/// ])
/// ```
///
/// Actions and compensations must be idempotent: after a crash a step that started may run
/// again (see ``SagaRunner``).
public struct Saga: Sendable {
    /// One step: a command and the command that undoes it.
    public struct Step: Sendable {
        /// The step's name, unique within the saga; it is recorded in the saga's log.
        public var name: String
        /// Does the step's work (usually loading, changing and saving one aggregate).
        public var action: @Sendable () async throws -> Void
        /// Undoes a completed ``action``; runs only when a later step fails.
        public var compensation: @Sendable () async throws -> Void

        /// Creates a step.
        /// - Parameters:
        ///   - name: the step's name, unique within the saga.
        ///   - action: the work.
        ///   - compensation: undoes the work; the default does nothing.
        public init(_ name: String, action: @escaping @Sendable () async throws -> Void,
                    compensation: @escaping @Sendable () async throws -> Void = {}) {
            self.name = name
            self.action = action
            self.compensation = compensation
        }
    }

    /// The steps, in order.
    public var steps: [Step]

    /// Creates a saga.
    /// - Parameter steps: the steps, in order; names must be unique.
    public init(steps: [Step]) {
        self.steps = steps
    }
}
