/// Lets actors run on the loop thread.
///
/// An actor whose state belongs to one connection can be pinned to that connection's loop, so
/// its methods run right where the socket callbacks run, without a hop to the global pool:
///
/// ```swift
/// actor ConnectionState {
///     nonisolated let loop: EventLoop
///     nonisolated var unownedExecutor: UnownedSerialExecutor { loop.asUnownedSerialExecutor() }
///     init(loop: EventLoop) { self.loop = loop }
/// }
/// ```
///
/// From a socket callback (already on the loop thread) such an actor can be entered
/// synchronously with `actor.assumeIsolated { … }`: ``checkIsolated()`` confirms the thread.
///
/// Jobs are queued like ``EventLoop/execute(_:)`` work, without allocating a closure. A loop
/// that has stopped cannot run jobs: enqueueing one then traps, because dropping it would hang
/// its task forever. Stop using pinned actors before shutting their loop down.
extension EventLoop: SerialExecutor {
    /// Queues `job` to run on the loop thread. Called by the Swift runtime.
    /// - Parameter job: the job to run.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        guard enqueueWork(.job(job)) else {
            preconditionFailure("an actor job was enqueued on EventLoop '\(name)' after it shut down")
        }
    }

    /// This loop as an unowned serial executor, for `unownedExecutor` of pinned actors.
    /// - Returns: an executor reference that does not retain the loop.
    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Traps unless the caller runs on the loop thread; used by `assumeIsolated`.
    public func checkIsolated() {
        precondition(inEventLoop, "expected to run on EventLoop '\(name)' but running on another thread")
    }
}
