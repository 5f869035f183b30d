import XCTest
@testable import CassandraDriver

final class ConnectionInFlightRequestsTests: XCTestCase {
    private let t0 = MonotonicInstant.now

    func testHeapExpiresInDeadlineOrderWhateverTheInsertOrder() {
        var table = Connection.InFlightRequests(maxInFlight: 64)
        let offsets = [50, 10, 40, 30, 20, 60, 5]
        for offset in offsets { _ = table.insert(.active, deadline: t0 + .milliseconds(offset)) }
        XCTAssertEqual(table.earliestDeadline, t0 + .milliseconds(5))
        let expired = table.expire(now: t0 + .milliseconds(35))
        XCTAssertEqual(expired, [6, 1, 4, 3])
        XCTAssertEqual(table.orphanCount, 4)
        XCTAssertEqual(table.activeCount, 3)
    }

    func testRemovalFromTheMiddleKeepsTheHeapOrdered() {
        var table = Connection.InFlightRequests(maxInFlight: 1024)
        var streams: [Int16] = []
        for index in 0..<500 {
            streams.append(table.insert(.active, deadline: t0 + .milliseconds((index * 7919) % 1000))!)
        }
        for stream in streams where stream % 3 == 0 { XCTAssertEqual(table.remove(stream), .active) }
        let expired = table.expire(now: t0 + .seconds(2))
        let deadlines = expired.map { (Int($0) * 7919) % 1000 }
        XCTAssertEqual(deadlines, deadlines.sorted())
        XCTAssertFalse(expired.contains { $0 % 3 == 0 })
        XCTAssertEqual(table.activeCount, 0)
    }

    func testRemovingAFreeStreamChangesNothing() {
        var table = Connection.InFlightRequests(maxInFlight: 4)
        XCTAssertEqual(table.remove(2), .free)
        XCTAssertEqual(table.remove(-1), .free)
        XCTAssertEqual(table.count, 0)
    }

    func testFullTable() {
        var table = Connection.InFlightRequests(maxInFlight: 2)
        XCTAssertNotNil(table.insert(.active, deadline: t0))
        XCTAssertNotNil(table.insert(.active, deadline: t0))
        XCTAssertTrue(table.isFull)
        XCTAssertNil(table.insert(.active, deadline: t0))
    }
}
