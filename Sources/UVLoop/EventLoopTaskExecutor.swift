/// Runs tasks that prefer it on an ``EventLoop``'s thread.
///
/// A task with this executor as its preference (`withTaskExecutorPreference(_:operation:)` or
/// `TaskGroup.addTask(executorPreference:operation:)`) runs its nonisolated code on the loop
/// thread. A continuation the loop resumes from a socket callback then continues right there,
/// before the loop blocks again, instead of waking a thread of the global pool, and what the
/// task writes joins the loop's batch of the same iteration:
///
/// ```swift
/// await withTaskGroup(of: Void.self) { group in
///     for _ in 0..<256 {
///         group.addTask(executorPreference: loop.taskExecutor) {
///             // requests issued here are written and resumed on the loop thread
///         }
///     }
/// }
/// ```
///
/// The loop thread then runs that code between its I/O callbacks: it suits tasks that mostly
/// wait for I/O. CPU-heavy or blocking work delays every socket of the loop; run it elsewhere.
///
/// Jobs are queued like ``EventLoop/execute(_:)`` work. A loop that has stopped cannot run jobs:
/// enqueueing one then traps, because dropping it would hang its task forever.
///
/// `@unchecked Sendable`: the only field is an unowned reference to the loop, which lives until
/// its thread ends, and the loop is `Sendable`.
public final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    /// The loop the jobs run on. Unowned: the loop owns this executor.
    private unowned(unsafe) let loop: EventLoop

    init(loop: EventLoop) {
        self.loop = loop
    }

    /// Queues `job` to run on the loop thread. Called by the Swift runtime.
    /// - Parameter job: the job to run.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        guard loop.enqueueWork(.taskJob(job)) else {
            preconditionFailure("a task job was enqueued on EventLoop '\(loop.name)' after it shut down")
        }
    }

    /// Whether the caller runs on this executor's loop thread.
    public var inEventLoop: Bool { loop.inEventLoop }
}
