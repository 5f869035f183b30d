import CLibUV

extension EventLoop {
    /// Shuts the loop down and waits for its thread to exit.
    ///
    /// Work already submitted still runs. Then every open handle is closed: connections report
    /// ``TCPConnection/CloseReason/loopShutdown``, timers stop without firing, listeners stop
    /// accepting. Work submitted while the handles close still runs, on the loop thread, but can
    /// no longer open handles. After that ``execute(_:)`` returns `false`.
    ///
    /// Idempotent: a second call, concurrent or later, waits for the same shutdown and returns.
    /// Must not be called on the loop thread (it would wait for itself).
    /// - Throws: ``UVError`` with code ``UVError/Code/busy`` if libuv still had handles when the
    ///   loop was closed (`uv_loop_close` failed); this indicates a bug in ``UVLoop``.
    public func shutdown() async throws {
        precondition(!inEventLoop, "EventLoop.shutdown() called on its own thread would wait forever")
        requestShutdown()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stopped = lock.withLock {
                if state == .stopped { return true }
                shutdownWaiters.append(continuation)
                return false
            }
            if stopped { continuation.resume() }
        }
        // The thread resumed us as its last act, so this join waits at most for its exit.
        joinThread()
        try throwIfLeaked()
    }

    /// Shuts the loop down like ``shutdown()``, blocking the calling thread until it is done.
    ///
    /// Must not be called on the loop thread. Prefer ``shutdown()`` from async code.
    /// - Throws: ``UVError`` with code ``UVError/Code/busy`` if `uv_loop_close` failed.
    public func syncShutdown() throws {
        precondition(!inEventLoop, "EventLoop.syncShutdown() called on its own thread would wait forever")
        requestShutdown()
        joinThread()
        try throwIfLeaked()
    }

    /// Moves to `shuttingDown` (once) and wakes the loop.
    private func requestShutdown() {
        let shouldWake = lock.withLock {
            guard state == .running else { return false }
            state = .shuttingDown
            return true
        }
        if shouldWake { wakeUp() }
    }

    /// Joins the thread; concurrent callers wait on `joinLock` until the first one has joined.
    private func joinThread() {
        joinLock.withLock {
            if let thread {
                LoopThread.join(thread)
                self.thread = nil
            }
        }
    }

    private func throwIfLeaked() throws {
        let result = lock.withLock { loopCloseResult }
        if result != 0 {
            throw UVError(result, operation: "uv_loop_close")
        }
    }
}
