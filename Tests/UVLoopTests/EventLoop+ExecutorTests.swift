import UVLoop
import XCTest

/// An actor whose methods run on the loop thread.
private actor PinnedCounter {
    nonisolated let loop: EventLoop
    nonisolated var unownedExecutor: UnownedSerialExecutor { loop.asUnownedSerialExecutor() }
    private(set) var value = 0
    private(set) var offLoopCalls = 0

    init(loop: EventLoop) {
        self.loop = loop
    }

    func increment() {
        if !loop.inEventLoop { offLoopCalls += 1 }
        value += 1
    }
}

final class EventLoopExecutorTests: XCTestCase {
    func testPinnedActorRunsOnLoopThread() async throws {
        try await withEventLoop { loop in
            let counter = PinnedCounter(loop: loop)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        for _ in 0..<100 { await counter.increment() }
                    }
                }
                try await group.waitForAll()
            }
            let value = await counter.value
            let offLoop = await counter.offLoopCalls
            XCTAssertEqual(value, 1600)
            XCTAssertEqual(offLoop, 0)
        }
    }

    func testAssumeIsolatedFromLoopCallback() async throws {
        try await withEventLoop { loop in
            let counter = PinnedCounter(loop: loop)
            let value = try await loop.submit {
                counter.assumeIsolated { counter in
                    counter.increment()
                    return counter.value
                }
            }
            XCTAssertEqual(value, 1)
        }
    }
}
