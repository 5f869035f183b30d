import CassandraSubscriptions
import Logging
import Synchronization

/// Runs one ``CassandraSubscriptions/Subscription`` in a background task from ``start(logger:)``
/// until ``stop()``: when `run` fails (the cluster failed; the checkpoint is intact) it is
/// logged and run again after ``restartDelay``.
///
/// The subscription's lease makes one instance per subscription name deliver at a time, so
/// several app processes on one keyspace do not notify twice; the others wait and take over
/// when the active one stops.
public final class BackgroundSubscription: Sendable {
    /// The subscription.
    public let subscription: Subscription
    /// The pause before `run` is called again after it failed.
    public let restartDelay: Duration
    private let handler: @Sendable (ChangeEvent) async throws -> Void
    private let state = Mutex<(task: Task<Void, Never>?, restarts: Int)>((nil, 0))

    /// Wraps a subscription and its handler.
    /// - Parameters:
    ///   - subscription: the subscription.
    ///   - restartDelay: the pause before running again after a failure.
    ///   - handler: the idempotent handler.
    init(_ subscription: Subscription, restartDelay: Duration, handler: @escaping @Sendable (ChangeEvent) async throws -> Void) {
        self.subscription = subscription
        self.restartDelay = restartDelay
        self.handler = handler
    }

    /// How often `run` failed and was started again.
    public var restarts: Int { state.withLock { $0.restarts } }

    /// Starts delivering in a background task; does nothing when already started.
    /// - Parameter logger: where failures are logged.
    func start(logger: Logger) {
        state.withLock { state in
            guard state.task == nil else { return }
            state.task = Task { [self] in
                while !Task.isCancelled {
                    do {
                        try await subscription.run(handler)
                    } catch {
                        logger.warning("subscription failed; running it again", metadata: [
                            "subscription": "\(subscription.name)", "error": "\(String(reflecting: error))",
                        ])
                        self.state.withLock { $0.restarts += 1 }
                        try? await Task.sleep(for: restartDelay)
                    }
                }
            }
        }
    }

    /// Cancels the task and waits until `run` returned (the lease is released by then).
    func stop() async {
        let task = state.withLock { state -> Task<Void, Never>? in
            defer { state.task = nil }
            return state.task
        }
        task?.cancel()
        await task?.value
    }
}
