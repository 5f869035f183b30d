import CLibUV

/// A libuv loop running on its own dedicated thread.
///
/// All sockets and timers of ``UVLoop`` belong to one loop, and their callbacks run on its thread.
/// Work from other threads reaches the loop through ``execute(_:)`` or ``submit(_:)``; actors can
/// run directly on the loop thread by using it as their executor (see ``asUnownedSerialExecutor()``).
///
/// ```swift
/// let loop = EventLoop()
/// let answer = try await loop.submit { 6 * 7 }   // runs on the loop thread
/// try await loop.shutdown()
/// ```
///
/// ## Thread safety
/// Every public member is safe to call from any thread, except ``shutdown()`` and
/// ``syncShutdown()``, which must not be called on the loop's own thread (they wait for it).
/// A loop must be shut down; an open loop keeps its thread, and itself, alive.
///
/// ## Cost
/// ``execute(_:)`` appends to a mutex-protected array and signals the loop only when that array
/// was empty and the loop is not awake anyway (running callbacks, which it does before it
/// blocks again, drains the array), so a burst of submissions costs at most one wake-up and
/// submissions made in answer to responses the loop is delivering cost none. The loop swaps the array with a spare
/// one, so the steady state allocates nothing but the submitted closures themselves.
///
/// Writes made on the loop thread are batched per connection and flushed once per loop
/// iteration (by a `uv_check` handle after I/O callbacks and a `uv_prepare` handle before the loop
/// blocks), so the frames produced in one iteration leave in one vectored system call.
///
/// `@unchecked Sendable`: the fields touched from other threads (the work queue, the state and
/// the thread handle) are guarded by `lock` or `joinLock`; everything else is touched only on
/// the loop thread, which the `// loop thread only` markers below document.
public final class EventLoop: @unchecked Sendable {
    /// One unit of submitted work.
    enum Work {
        case closure(@Sendable () -> Void)
        /// A job of an actor pinned to the loop (``EventLoop`` as its serial executor).
        case job(UnownedJob)
        /// A job of a task that prefers ``taskExecutor``.
        case taskJob(UnownedJob)
    }

    /// Lifecycle, guarded by `lock`.
    enum State {
        /// Accepting work and I/O.
        case running
        /// ``shutdown()`` was requested; still accepting work until the thread stops.
        case shuttingDown
        /// The thread has run its last work item; nothing is accepted any more.
        case stopped
    }

    /// Size of the per-loop read buffer handed to every read callback of the loop.
    static let readBufferSize = 64 * 1024

    /// The loop's name: the thread name where the platform allows setting it, and in messages.
    public let name: String

    /// Runs the tasks that prefer it on this loop's thread (see ``EventLoopTaskExecutor``).
    public private(set) var taskExecutor: EventLoopTaskExecutor!

    let rawLoop: UnsafeMutablePointer<uv_loop_t>
    private let wakeup: UnsafeMutablePointer<uv_async_t>
    /// Flush the connections' write batches before the loop blocks and after each poll.
    let flushPrepare: UnsafeMutablePointer<uv_prepare_t>
    let flushCheck: UnsafeMutablePointer<uv_check_t>
    // `queue` and `isAwake` are `@exclusivity(unchecked)`: only touched under `lock`, never
    // re-entrantly, so the dynamic exclusivity checks (one per resumed task) cannot fire.
    let lock = Lock()
    // Guarded by `lock`.
    @exclusivity(unchecked) private var queue: [Work] = []
    var state: State = .running
    private var wakeupOpen = true
    /// Whether the loop thread is awake and will look at `queue` again before it blocks (the
    /// prepare handle drains it), so that ``enqueueWork(_:)`` need not signal it. Set by the
    /// async callback and by socket reads; cleared, with the queue empty, right before the loop
    /// blocks.
    @exclusivity(unchecked) private var isAwake = false
    var loopCloseResult: Int32 = 0
    var shutdownWaiters: [CheckedContinuation<Void, Never>] = []
    // Guarded by `joinLock`.
    let joinLock = Lock()
    var thread: pthread_t?

    // Loop thread only.
    private var drainBuffer: [Work] = []
    /// Connections with a write batch to flush at the end of this loop iteration.
    var connectionsToFlush: [TCPConnection] = []
    var connectionsBeingFlushed: [TCPConnection] = []
    /// `false` once shutdown began: new handles are refused so the loop can run dry.
    var isAcceptingHandles = true
    /// Whether `uv_loop_close` succeeded, so `rawLoop` may be freed.
    var loopMemoryReleasable = false
    /// Shared by all reads on this loop: read callbacks on one loop never overlap.
    let readBuffer: UnsafeMutablePointer<CChar>
    /// Scratch `uv_buf_t` array for building vectored writes; libuv copies it in `uv_write`.
    private var scratch: UnsafeMutablePointer<uv_buf_t>
    private var scratchCapacity: Int

    /// Creates a loop and starts its thread.
    /// - Parameter name: the loop name (at most 15 bytes are kept as thread name).
    public init(name: String = "uv-loop") {
        ignoreSIGPIPE
        self.name = name
        rawLoop = LoopHandle.allocate(uv_loop_t.self)
        var rc = uv_loop_init(rawLoop)
        precondition(rc == 0, "uv_loop_init failed: \(UVError(rc, operation: "uv_loop_init"))")
        wakeup = LoopHandle.allocate(uv_async_t.self)
        rc = uv_async_init(rawLoop, wakeup) { handle in
            let loop = Unmanaged<EventLoop>.fromOpaque(handle!.pointee.data!).takeUnretainedValue()
            loop.drainQueue()
        }
        precondition(rc == 0, "uv_async_init failed: \(UVError(rc, operation: "uv_async_init"))")
        readBuffer = .allocate(capacity: Self.readBufferSize)
        scratchCapacity = 16
        scratch = .allocate(capacity: scratchCapacity)
        flushPrepare = LoopHandle.allocate(uv_prepare_t.self)
        flushCheck = LoopHandle.allocate(uv_check_t.self)
        wakeup.pointee.data = Unmanaged.passUnretained(self).toOpaque()
        startFlushHandles()
        taskExecutor = EventLoopTaskExecutor(loop: self)
        // The thread retains `self` until it ends, so the loop lives at least until shutdown.
        let thread = LoopThread.start(name: name) { self.run() }
        joinLock.withLock { self.thread = thread }
    }

    deinit {
        if loopMemoryReleasable {
            LoopHandle.free(rawLoop)
        }
        readBuffer.deallocate()
        scratch.deallocate()
    }

    /// Whether the calling thread is this loop's thread.
    public var inEventLoop: Bool {
        LoopThread.currentLoopPointer == Unmanaged.passUnretained(self).toOpaque()
    }

    /// The loop whose thread is the calling thread, or `nil` on any other thread.
    public static var current: EventLoop? {
        LoopThread.currentLoopPointer.map { Unmanaged<EventLoop>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Runs `work` on the loop thread, after the work submitted before it.
    ///
    /// Safe from any thread, including the loop thread (the work then runs on a later iteration,
    /// never inline).
    /// - Parameter work: the closure to run.
    /// - Returns: `false` if the loop has stopped and `work` was dropped without running.
    @discardableResult
    public func execute(_ work: @escaping @Sendable () -> Void) -> Bool {
        enqueueWork(.closure(work))
    }

    /// Runs `work` on the loop thread and returns its result to the caller.
    /// - Parameter work: the closure to run on the loop thread.
    /// - Returns: what `work` returned.
    /// - Throws: what `work` threw, or ``UVError`` with code ``UVError/Code/cancelled`` if the
    ///   loop has stopped.
    public func submit<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = enqueueWork(.closure {
                continuation.resume(with: Result { try work() })
            })
            if !accepted {
                continuation.resume(throwing: UVError(code: .cancelled, operation: "submit"))
            }
        }
    }

    /// Appends to the queue; signals the loop only on the empty-to-non-empty transition.
    ///
    /// `uv_async_send` is called under the lock so that it can never race with the loop thread
    /// closing the async handle (which first clears `wakeupOpen` under the same lock).
    func enqueueWork(_ work: Work) -> Bool {
        lock.withLock {
            guard state != .stopped else { return false }
            let wasEmpty = queue.isEmpty
            queue.append(work)
            if wasEmpty && !isAwake && wakeupOpen {
                uv_async_send(wakeup)
            }
            return true
        }
    }

    /// Signals the loop regardless of the queue, for shutdown requests.
    func wakeUp() {
        lock.withLock {
            if wakeupOpen { uv_async_send(wakeup) }
        }
    }

    /// The async callback: runs everything queued so far. Loop thread only.
    private func drainQueue() {
        let shuttingDown = lock.withLock {
            swap(&queue, &drainBuffer)
            isAwake = true
            return state == .shuttingDown
        }
        runDrained()
        if shuttingDown {
            beginClosing()
        }
    }

    /// Marks the loop awake: work queued from now on runs before the loop blocks, without a
    /// signal. Loop thread only, from callbacks that may prompt other threads to submit work.
    func markAwake() {
        lock.withLock { isAwake = true }
    }

    /// Runs what was queued while the loop was awake, then marks the loop asleep so that the
    /// next submission signals it. Loop thread only, from the prepare handle, right before the
    /// loop blocks.
    ///
    /// Work queued by that work is not run here (a job that keeps requeueing itself would
    /// starve I/O): the loop signals itself instead, so the poll returns at once.
    func drainBeforeBlocking() {
        let hasWork = lock.withLock {
            guard !queue.isEmpty else {
                isAwake = false
                return false
            }
            swap(&queue, &drainBuffer)
            return true
        }
        guard hasWork else { return }
        runDrained()
        lock.withLock {
            isAwake = false
            if !queue.isEmpty && wakeupOpen { uv_async_send(wakeup) }
        }
    }

    /// Runs and clears `drainBuffer`. Loop thread only.
    private func runDrained() {
        for work in drainBuffer {
            switch work {
            case .closure(let closure):
                closure()
            case .job(let job):
                job.runSynchronously(on: asUnownedSerialExecutor())
            case .taskJob(let job):
                job.runSynchronously(on: taskExecutor.asUnownedTaskExecutor())
            }
        }
        // Keep the capacity for the next burst, unless one burst made it unreasonably large.
        drainBuffer.removeAll(keepingCapacity: drainBuffer.capacity <= 4096)
    }

    /// The thread body: run until every handle is closed, then tear down. Loop thread only.
    private func run() {
        LoopThread.setCurrentLoopPointer(Unmanaged.passUnretained(self).toOpaque())
        uv_run(rawLoop, UV_RUN_DEFAULT)
        let closeResult = uv_loop_close(rawLoop)
        if closeResult == 0 {
            loopMemoryReleasable = true
        } else {
            // A handle outlived the walk. Close it anyway so its memory is freed, but still report
            // the first result: a leak is a bug to surface, not to hide.
            closeAllHandles()
            uv_run(rawLoop, UV_RUN_DEFAULT)
            loopMemoryReleasable = uv_loop_close(rawLoop) == 0
        }
        // Work submitted while the handles were closing runs now; it sees `isAcceptingHandles`
        // false and fails instead of opening anything.
        var waiters: [CheckedContinuation<Void, Never>] = []
        while true {
            let finished = lock.withLock {
                if queue.isEmpty {
                    state = .stopped
                    loopCloseResult = closeResult
                    waiters = shutdownWaiters
                    shutdownWaiters = []
                    return true
                }
                swap(&queue, &drainBuffer)
                return false
            }
            if finished { break }
            runDrained()
        }
        for waiter in waiters {
            waiter.resume()
        }
    }

    /// Starts shutdown on the loop thread: refuse new handles, close the wake-up handle and ask
    /// every handle owner to close. `uv_run` then returns once the close callbacks have run.
    private func beginClosing() {
        guard isAcceptingHandles else { return }
        isAcceptingHandles = false
        lock.withLock { wakeupOpen = false }
        LoopHandle.closeUnowned(LoopHandle.base(wakeup))
        stopFlushHandles()
        closeAllHandles()
    }

    /// Closes every handle that is not closing yet, through its owner. Loop thread only.
    private func closeAllHandles() {
        uv_walk(rawLoop, { handle, _ in
            guard let handle, uv_is_closing(handle) == 0, let data = handle.pointee.data else { return }
            let owner = Unmanaged<AnyObject>.fromOpaque(data).takeUnretainedValue()
            // Every open handle with `data` set carries a `LoopHandleOwner` (see `LoopHandle`);
            // the wake-up handle is already closing at this point.
            (owner as! any LoopHandleOwner).closeForLoopShutdown()
        }, nil)
    }

    /// A scratch `uv_buf_t` array with room for at least `count` entries. Loop thread only.
    func scratchBuffers(count: Int) -> UnsafeMutablePointer<uv_buf_t> {
        if count > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = max(count, scratchCapacity * 2)
            scratch = .allocate(capacity: scratchCapacity)
        }
        return scratch
    }

    /// Traps unless called on the loop thread; debug builds only.
    @inline(__always)
    func assertInEventLoop(file: StaticString = #fileID, line: UInt = #line) {
        assert(inEventLoop, "must be called on the event loop thread", file: file, line: line)
    }
}
