import UVLoop
import XCTest

final class EventLoopTimerTests: XCTestCase {
    func testOneShotTimersFireInDeadlineOrder() async throws {
        try await withEventLoop { loop in
            let fired = Locked<[Int]>([])
            for (label, delay) in [(3, 30), (1, 10), (2, 20), (4, 30)] {
                loop.scheduleTimer(after: .milliseconds(delay)) {
                    XCTAssertTrue(loop.inEventLoop)
                    fired.withLock { $0.append(label) }
                }
            }
            try await waitUntil { fired.current.count == 4 }
            XCTAssertEqual(fired.current, [1, 2, 3, 4])
        }
    }

    func testCancelPreventsFiring() async throws {
        try await withEventLoop { loop in
            let fired = Locked<[String]>([])
            let cancelledOffLoop = loop.scheduleTimer(after: .milliseconds(20)) { fired.withLock { $0.append("off") } }
            cancelledOffLoop.cancel()
            // Cancelled on the loop thread by an earlier timer: guaranteed not to fire.
            let victim = loop.scheduleTimer(after: .milliseconds(30)) { fired.withLock { $0.append("victim") } }
            loop.scheduleTimer(after: .milliseconds(10)) {
                victim.cancel()
                XCTAssertFalse(victim.isActive)
            }
            loop.scheduleTimer(after: .milliseconds(50)) { fired.withLock { $0.append("sentinel") } }
            try await waitUntil { fired.current.contains("sentinel") }
            XCTAssertEqual(fired.current, ["sentinel"])
        }
    }

    func testRepeatingTimerFiresUntilCancelled() async throws {
        try await withEventLoop { loop in
            let count = Locked(0)
            let timer = loop.scheduleTimer(after: .milliseconds(1), repeating: .milliseconds(2)) {
                count.withLock { $0 += 1 }
            }
            try await waitUntil { count.current >= 3 }
            try await loop.submit { timer.cancel() }
            let afterCancel = count.current
            try await Task.sleep(for: .milliseconds(20))
            XCTAssertEqual(count.current, afterCancel)
            let active = try await loop.submit { timer.isActive }
            XCTAssertFalse(active)
        }
    }

    func testOneShotTimerIsInactiveAfterFiring() async throws {
        try await withEventLoop { loop in
            let fired = Locked(false)
            let timer = loop.scheduleTimer(after: .zero) { fired.withLock { $0 = true } }
            try await waitUntil { fired.current }
            let active = try await loop.submit { timer.isActive }
            XCTAssertFalse(active)
            timer.cancel()
        }
    }
}
