#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The thread-specific slot that tells a thread which ``EventLoop`` it runs, if any.
///
/// A pthread key instead of comparing `pthread_t`s: the loop thread can ask `inEventLoop` before
/// `pthread_create` has returned the thread id to its creator.
private let currentLoopKey: pthread_key_t = {
    var key = pthread_key_t()
    let rc = pthread_key_create(&key, nil)
    precondition(rc == 0, "pthread_key_create failed: \(rc)")
    return key
}()

/// Starting, naming and joining the dedicated thread of an ``EventLoop``.
enum LoopThread {
    /// The loop running on the calling thread, as an unretained pointer, or `nil`.
    @inline(__always)
    static var currentLoopPointer: UnsafeMutableRawPointer? {
        pthread_getspecific(currentLoopKey)
    }

    /// Marks the calling thread as the thread of the loop at `pointer`.
    static func setCurrentLoopPointer(_ pointer: UnsafeMutableRawPointer?) {
        pthread_setspecific(currentLoopKey, pointer)
    }

    /// Carries the body into the new thread; retained across `pthread_create`.
    private final class Box {
        let name: String
        let body: () -> Void
        init(name: String, body: @escaping () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Starts a joinable thread running `body`.
    /// - Parameters:
    ///   - name: thread name, truncated to 15 bytes; applied where the platform exposes it.
    ///   - body: the thread's whole work.
    /// - Returns: the thread handle, to be passed to ``join(_:)`` exactly once.
    static func start(name: String, body: @escaping () -> Void) -> pthread_t {
        let box = Unmanaged.passRetained(Box(name: name, body: body)).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let rc = pthread_create(&thread, nil, { raw in
            #if canImport(Darwin)
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            _ = pthread_setname_np(String(box.name.utf8.prefix(15))!)
            #else
            // Glibc declares pthread_setname_np only under _GNU_SOURCE, which Swift's Glibc
            // module does not define, so Linux threads keep the process name.
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            #endif
            box.body()
            return nil
        }, box)
        precondition(rc == 0, "pthread_create failed: \(rc)")
        #if canImport(Darwin)
        return thread!
        #else
        return thread
        #endif
    }

    /// Waits for `thread` to exit and releases it.
    static func join(_ thread: pthread_t) {
        let rc = pthread_join(thread, nil)
        precondition(rc == 0, "pthread_join failed: \(rc)")
    }
}
