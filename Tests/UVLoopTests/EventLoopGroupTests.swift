import UVLoop
import XCTest

final class EventLoopGroupTests: XCTestCase {
    func testNextIsRoundRobinOverDistinctThreads() async throws {
        let group = EventLoopGroup(numberOfThreads: 3)
        try await withTimeout {
            let picked = (0..<6).map { _ in group.next() }
            for index in 0..<3 {
                XCTAssertTrue(picked[index] === picked[index + 3])
                XCTAssertFalse(picked[index] === picked[(index + 1) % 3])
            }
            for loop in group.loops {
                let onOwnThread = try await loop.submit {
                    loop.inEventLoop && group.loops.filter { $0.inEventLoop }.count == 1
                }
                XCTAssertTrue(onOwnThread)
            }
            try await group.shutdown()
            try await group.shutdown()
        }
        XCTAssertTrue(group.loops.allSatisfy { !$0.execute {} })
    }

    func testDefaultGroupHasOneLoop() throws {
        let group = EventLoopGroup()
        XCTAssertEqual(group.loops.count, 1)
        XCTAssertTrue(group.next() === group.next())
        try group.syncShutdown()
    }
}
