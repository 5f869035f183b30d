@testable import CassandraSubscriptions
import CQLProtocol
import Foundation
import XCTest

final class ChangeIDTests: XCTestCase {
    func testIdsOrderByTimeThenBySignedBytes() {
        let early = TimeUUIDGenerator.uuid(ticks: 1_000, clockSequence: 0x3FFF, node: 0xFFFF_FFFF_FFFF)
        let late = TimeUUIDGenerator.uuid(ticks: 1_001, clockSequence: 0, node: 0)
        XCTAssertTrue(ChangeID.precedes(early, late))
        XCTAssertFalse(ChangeID.precedes(late, early))
        XCTAssertEqual(ChangeID.compare(early, early), 0)
        // Same tick: byte 8 0x80 (negative signed) sorts before 0x7F, unlike unsigned order.
        let negative = TimeUUIDGenerator.uuid(ticks: 5, clockSequence: 0x0000, node: 0)
        let positive = TimeUUIDGenerator.uuid(ticks: 5, clockSequence: 0x3F00, node: 0)
        XCTAssertTrue(ChangeID.precedes(negative, positive))
        let highNode = TimeUUIDGenerator.uuid(ticks: 5, clockSequence: 0, node: 0x80_0000_0000)
        let lowNode = TimeUUIDGenerator.uuid(ticks: 5, clockSequence: 0, node: 0x7F_0000_0000)
        XCTAssertTrue(ChangeID.precedes(highNode, lowNode))
    }

    func testTheLowerBoundPrecedesEveryIdOfItsMillisecondAndFollowsEarlierOnes() {
        let milliseconds: Int64 = 1_700_000_000_123
        let bound = ChangeID.lowerBound(milliseconds: milliseconds)
        XCTAssertEqual(ChangeID.milliseconds(of: bound), milliseconds)
        let ticks = UInt64(milliseconds * 10_000) + TimeUUIDGenerator.unixEpochTicks
        for tick in [ticks, ticks + 9_999] {
            for _ in 0..<100 {
                let id = TimeUUIDGenerator.uuid(ticks: tick, clockSequence: .random(in: 0...0x3FFF), node: .random(in: 0...0xFFFF_FFFF_FFFF))
                XCTAssertTrue(ChangeID.precedes(bound, id), "\(id)")
                XCTAssertEqual(ChangeID.milliseconds(of: id), milliseconds)
            }
        }
        let earlier = TimeUUIDGenerator.uuid(ticks: ticks - 1, clockSequence: 0x3FFF, node: 0x7F7F_7F7F_7F7F)
        XCTAssertTrue(ChangeID.precedes(earlier, bound))
    }

    func testCheckpointsOnlyMoveForward() {
        let first = UUID.timeBased(), second = UUID.timeBased()
        let start = Checkpoint(bucket: 7, position: ChangeID.lowerBound(milliseconds: 0))
        let advanced = start.advanced(to: second)
        XCTAssertEqual(advanced.position, second)
        XCTAssertEqual(advanced.advanced(to: first), advanced)
        XCTAssertTrue(advanced.precedes(UUID.timeBased()))
        XCTAssertFalse(advanced.precedes(first))
    }
}
