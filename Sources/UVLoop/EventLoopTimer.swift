import CLibUV

/// A one-shot or repeating timer on an ``EventLoop``, created by
/// ``EventLoop/scheduleTimer(after:repeating:_:)``.
///
/// libuv timers have millisecond resolution; delays are rounded up. Timers due at the same time
/// fire in the order they were scheduled.
///
/// Each timer owns a libuv handle, so one per request is too costly at 100k requests/s: for
/// request timeouts prefer one repeating timer per connection that sweeps expired requests.
///
/// ## Thread safety
/// ``cancel()`` is safe from any thread; ``isActive`` must be read on the loop thread. Cancelling on the loop thread (for
/// example from a socket callback) guarantees that the handler does not run afterwards;
/// cancelling from another thread can race with a firing that is already under way.
///
/// `@unchecked Sendable`: all mutable state is touched only on the loop thread; other threads
/// reach it through ``EventLoop/execute(_:)``.
public final class EventLoopTimer: @unchecked Sendable, LoopHandleOwner {
    /// The loop the timer runs on.
    public let eventLoop: EventLoop
    private let delayMilliseconds: UInt64
    private let repeatMilliseconds: UInt64

    // Loop thread only.
    private var handle: UnsafeMutablePointer<uv_timer_t>?
    private var handler: (@Sendable () -> Void)?
    private var active = true

    init(loop: EventLoop, delay: Duration, interval: Duration?, handler: @escaping @Sendable () -> Void) {
        eventLoop = loop
        delayMilliseconds = Self.milliseconds(delay)
        repeatMilliseconds = interval.map { max(1, Self.milliseconds($0)) } ?? 0
        self.handler = handler
    }

    /// Whether the timer can still fire: not cancelled, and not a one-shot timer that has fired.
    /// Loop thread only: on another thread the answer could be stale before it is used.
    public var isActive: Bool {
        eventLoop.assertInEventLoop()
        return active
    }

    /// Stops the timer; the handler is released. Idempotent; safe from any thread.
    public func cancel() {
        if eventLoop.inEventLoop {
            stop()
        } else {
            eventLoop.execute { self.stop() }
        }
    }

    /// Creates the libuv timer and starts it. Loop thread only.
    func start() {
        eventLoop.assertInEventLoop()
        guard active else { return }
        guard eventLoop.isAcceptingHandles else {
            stop()
            return
        }
        let handle = LoopHandle.allocate(uv_timer_t.self)
        uv_timer_init(eventLoop.rawLoop, handle)
        LoopHandle.attach(self, to: LoopHandle.base(handle))
        self.handle = handle
        uv_timer_start(handle, { handle in
            let timer = LoopHandle.owner(of: LoopHandle.base(handle!), as: EventLoopTimer.self)
            timer.fire()
        }, delayMilliseconds, repeatMilliseconds)
    }

    private func fire() {
        guard active, let handler else { return }
        if repeatMilliseconds == 0 {
            stop()
        }
        handler()
    }

    /// Loop thread only.
    private func stop() {
        active = false
        handler = nil
        if let handle {
            uv_timer_stop(handle)
            LoopHandle.close(LoopHandle.base(handle))
        }
    }

    func closeForLoopShutdown() {
        stop()
    }

    func handleDidClose() {
        if let handle {
            LoopHandle.free(handle)
            self.handle = nil
        }
    }

    /// `duration` in whole milliseconds, rounded up; negative durations count as zero.
    static func milliseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, duration > .zero else { return 0 }
        let perMillisecond: Int64 = 1_000_000_000_000_000
        let fraction = (attoseconds + perMillisecond - 1) / perMillisecond
        return UInt64(seconds) * 1000 + UInt64(fraction)
    }
}

extension EventLoop {
    /// Calls `handler` on the loop thread after `delay`, and then every `interval` if one is given.
    ///
    /// Safe from any thread. On a loop that is shutting down the timer is created inactive and
    /// never fires.
    /// - Parameters:
    ///   - delay: time until the first firing; rounded up to milliseconds.
    ///   - interval: time between later firings, or `nil` for a one-shot timer.
    ///   - handler: runs on the loop thread at each firing.
    /// - Returns: the timer, to ``EventLoopTimer/cancel()`` it. The loop keeps an active timer
    ///   alive; dropping the returned reference does not cancel it.
    @discardableResult
    public func scheduleTimer(
        after delay: Duration,
        repeating interval: Duration? = nil,
        _ handler: @escaping @Sendable () -> Void
    ) -> EventLoopTimer {
        let timer = EventLoopTimer(loop: self, delay: delay, interval: interval, handler: handler)
        if inEventLoop {
            timer.start()
        } else {
            execute { timer.start() }
        }
        return timer
    }
}
