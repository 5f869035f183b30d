/// A fixed set of ``EventLoop``s, handed out round-robin.
///
/// ## Thread safety
/// Every member is safe to call from any thread; ``shutdown()`` and ``syncShutdown()`` must not be
/// called on one of the group's loop threads.
///
/// `@unchecked Sendable`: `loops` is immutable and the round-robin index is guarded by `lock`.
public final class EventLoopGroup: @unchecked Sendable {
    /// The loops, each with its own thread.
    public let loops: [EventLoop]
    private let lock = Lock()
    private var nextIndex = 0

    /// Starts `numberOfThreads` loops.
    /// - Parameters:
    ///   - numberOfThreads: how many loops (and threads); at least 1.
    ///   - name: prefix of the thread names; loop *i* is named `"<name>-<i>"`.
    public init(numberOfThreads: Int = 1, name: String = "uv-loop") {
        precondition(numberOfThreads >= 1, "an EventLoopGroup needs at least one loop")
        loops = (0..<numberOfThreads).map { EventLoop(name: "\(name)-\($0)") }
    }

    /// The next loop in round-robin order.
    /// - Returns: one of ``loops``.
    public func next() -> EventLoop {
        if loops.count == 1 { return loops[0] }
        return lock.withLock {
            let loop = loops[nextIndex]
            nextIndex = (nextIndex + 1) % loops.count
            return loop
        }
    }

    /// Shuts every loop down (see ``EventLoop/shutdown()``). Idempotent.
    /// - Throws: the first ``UVError`` a loop reported; every loop is shut down regardless.
    public func shutdown() async throws {
        var firstError: (any Error)?
        for loop in loops {
            do { try await loop.shutdown() } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }

    /// Shuts every loop down, blocking the calling thread (see ``EventLoop/syncShutdown()``).
    /// - Throws: the first ``UVError`` a loop reported; every loop is shut down regardless.
    public func syncShutdown() throws {
        var firstError: (any Error)?
        for loop in loops {
            do { try loop.syncShutdown() } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }
}
