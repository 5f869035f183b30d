import UVLoop
import XCTest

final class EventLoopTaskExecutorTests: XCTestCase {
    func testTasksPreferringTheLoopRunOnItsThreadAcrossSuspensions() async throws {
        try await withEventLoop { loop in
            let offLoop = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<32 {
                    group.addTask(executorPreference: loop.taskExecutor) {
                        var offLoop = loop.inEventLoop ? 0 : 1
                        for _ in 0..<20 {
                            await Task.yield()
                            if !loop.inEventLoop { offLoop += 1 }
                            // A continuation the loop resumes from its own work.
                            _ = try? await loop.submit { 1 }
                            if !loop.inEventLoop { offLoop += 1 }
                        }
                        return offLoop
                    }
                }
                return await group.reduce(0, +)
            }
            XCTAssertEqual(offLoop, 0)
        }
    }

    func testWithTaskExecutorPreferenceMovesTheTaskAndLeavesItAfterwards() async throws {
        try await withEventLoop { loop in
            XCTAssertFalse(loop.inEventLoop)
            let inside = await withTaskExecutorPreference(loop.taskExecutor) {
                await Task.yield()
                return loop.inEventLoop
            }
            XCTAssertTrue(inside)
            XCTAssertTrue(loop.taskExecutor === loop.taskExecutor, "the executor must be one object per loop")
        }
    }
}
