import Foundation
import UVLoop
import XCTest

/// Thrown by ``withTimeout(_:_:)`` when the body takes too long.
struct TestTimeout: Error, CustomStringConvertible {
    let seconds: Double
    var description: String { "test step timed out after \(seconds) s" }
}

/// A value guarded by an `NSLock`, for handlers that run on loop threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    var current: Value { withLock { $0 } }
}

/// Runs `body`, failing with ``TestTimeout`` after `seconds` instead of hanging the suite.
///
/// Unstructured tasks on purpose: a task group would wait for a stuck body before returning.
func withTimeout<T: Sendable>(
    _ seconds: Double = 5,
    _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let pending = Locked<CheckedContinuation<T, any Error>?>(continuation)
        let resume: @Sendable (Result<T, any Error>) -> Void = { result in
            pending.withLock { slot in
                slot?.resume(with: result)
                slot = nil
            }
        }
        let work = Task {
            do { resume(.success(try await body())) } catch { resume(.failure(error)) }
        }
        Task {
            try? await Task.sleep(for: .seconds(seconds))
            work.cancel()
            resume(.failure(TestTimeout(seconds: seconds)))
        }
    }
}

/// Polls `condition` every millisecond until it holds; throws ``TestTimeout`` after `seconds`.
func waitUntil(_ seconds: Double = 5, _ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while !condition() {
        guard ContinuousClock.now < deadline else { throw TestTimeout(seconds: seconds) }
        try await Task.sleep(for: .milliseconds(1))
    }
}

/// Collects what a connection receives and how it closed.
final class ReceivedBytes: Sendable {
    let bytes = Locked<[UInt8]>([])
    let closeReason = Locked<TCPConnection.CloseReason?>(nil)
    let readOnLoopThread = Locked(true)

    /// Starts reading `connection` into this collector.
    func attach(to connection: TCPConnection) {
        let loop = connection.eventLoop
        connection.startReading(
            onRead: { buffer in
                if !loop.inEventLoop { self.readOnLoopThread.withLock { $0 = false } }
                self.bytes.withLock { $0.append(contentsOf: buffer) }
            },
            onClose: { reason in self.closeReason.withLock { $0 = reason } }
        )
    }

    /// Waits until at least `count` bytes arrived and returns them all.
    func wait(forCount count: Int, seconds: Double = 5) async throws -> [UInt8] {
        try await waitUntil(seconds) { self.bytes.current.count >= count }
        return bytes.current
    }

    /// Waits for the close handler and returns its reason.
    func waitForClose(seconds: Double = 5) async throws -> TCPConnection.CloseReason {
        try await waitUntil(seconds) { self.closeReason.current != nil }
        return closeReason.current!
    }
}

/// Starts a listener on 127.0.0.1 that echoes every byte back.
func startEchoServer(on loop: EventLoop, distributingTo group: EventLoopGroup? = nil) async throws -> TCPListener {
    try await TCPListener.bind(host: "127.0.0.1", port: 0, on: loop, distributingTo: group) { connection in
        connection.startReading(onRead: { bytes in connection.write(Array(bytes)) }, onClose: { _ in })
    }
}

/// Creates a loop, runs `body` with a timeout, then shuts the loop down, asserting that
/// `uv_loop_close` succeeded (no handle leaked).
func withEventLoop(
    seconds: Double = 5,
    file: StaticString = #filePath,
    line: UInt = #line,
    _ body: @escaping @Sendable (EventLoop) async throws -> Void
) async throws {
    let loop = EventLoop(name: "test-loop")
    do {
        try await withTimeout(seconds) { try await body(loop) }
    } catch {
        try? await loop.shutdown()
        throw error
    }
    do {
        try await loop.shutdown()
    } catch {
        XCTFail("shutdown reported leaked handles: \(error)", file: file, line: line)
    }
}
