import UVLoop
import XCTest

final class EventLoopTests: XCTestCase {
    func testExecuteRunsOnLoopThreadNotInline() async throws {
        try await withEventLoop { loop in
            XCTAssertFalse(loop.inEventLoop)
            XCTAssertNil(EventLoop.current)
            let order = Locked<[String]>([])
            let done = Locked(false)
            XCTAssertTrue(loop.execute {
                XCTAssertTrue(loop.inEventLoop)
                XCTAssertTrue(EventLoop.current === loop)
                loop.execute {
                    order.withLock { $0.append("inner") }
                    done.withLock { $0 = true }
                }
                order.withLock { $0.append("outer") }
            })
            try await waitUntil { done.current }
            XCTAssertEqual(order.current, ["outer", "inner"])
        }
    }

    func testSubmitReturnsValueAndRethrows() async throws {
        struct Boom: Error {}
        try await withEventLoop { loop in
            let value = try await loop.submit { loop.inEventLoop ? 42 : -1 }
            XCTAssertEqual(value, 42)
            do {
                _ = try await loop.submit { () throws -> Int in throw Boom() }
                XCTFail("expected the error to propagate")
            } catch is Boom {}
        }
    }

    func testExecuteAndSubmitFromManyTasksRunInSubmissionOrderPerTask() async throws {
        try await withEventLoop { loop in
            let tasks = 32
            let perTask = 200
            let seen = Locked<[Int: [Int]]>([:])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        for index in 0..<perTask {
                            if index % 2 == 0 {
                                loop.execute { seen.withLock { $0[task, default: []].append(index) } }
                            } else {
                                try await loop.submit { seen.withLock { $0[task, default: []].append(index) } }
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            // Every submit waited for its turn, so the last execute of each task has run too.
            try await loop.submit {}
            let result = seen.current
            XCTAssertEqual(result.count, tasks)
            for (_, indices) in result {
                XCTAssertEqual(indices, Array(0..<perTask))
            }
        }
    }

    func testShutdownJoinsAndSecondShutdownIsNoOp() async throws {
        let loop = EventLoop()
        let ran = try await loop.submit { true }
        XCTAssertTrue(ran)
        try await withTimeout { try await loop.shutdown() }
        try await withTimeout { try await loop.shutdown() }
        try loop.syncShutdown()
        XCTAssertFalse(loop.execute {})
        do {
            _ = try await loop.submit { 1 }
            XCTFail("submit after shutdown must fail")
        } catch let error as UVError {
            XCTAssertEqual(error.code, .cancelled)
        }
    }

    func testConcurrentSyncShutdownsAllReturn() async throws {
        let loop = EventLoop()
        try await withTimeout {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask { try loop.syncShutdown() }
                }
                try await group.waitForAll()
            }
        }
        XCTAssertFalse(loop.execute {})
    }

    func testWorkQueuedBeforeShutdownStillRuns() async throws {
        let loop = EventLoop()
        let count = Locked(0)
        for _ in 0..<1000 {
            loop.execute { count.withLock { $0 += 1 } }
        }
        try await withTimeout { try await loop.shutdown() }
        XCTAssertEqual(count.current, 1000)
    }

    func testShutdownClosesOpenHandlesWithoutLeaks() async throws {
        let loop = EventLoop()
        let received = ReceivedBytes()
        let fired = Locked(false)
        try await withTimeout {
            let listener = try await startEchoServer(on: loop)
            let connection = try await TCPConnection.connect(host: "127.0.0.1", port: listener.port, on: loop)
            received.attach(to: connection)
            connection.write([1, 2, 3])
            _ = try await received.wait(forCount: 3)
            loop.scheduleTimer(after: .seconds(60)) { fired.withLock { $0 = true } }
            loop.scheduleTimer(after: .milliseconds(1), repeating: .milliseconds(1)) {}
            // Listener, both ends of the connection and the timers are left open on purpose.
            try await loop.shutdown()
        }
        XCTAssertEqual(received.closeReason.current, .loopShutdown)
        XCTAssertFalse(fired.current)
    }
}
