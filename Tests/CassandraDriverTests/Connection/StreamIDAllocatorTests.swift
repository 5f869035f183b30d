import XCTest
@testable import CassandraDriver

final class StreamIDAllocatorTests: XCTestCase {
    func testAllocatesLowestFreeIDsInOrder() {
        var allocator = StreamIDAllocator()
        XCTAssertEqual(allocator.allocate(), 0)
        XCTAssertEqual(allocator.allocate(), 1)
        XCTAssertEqual(allocator.allocate(), 2)
        XCTAssertEqual(allocator.inUseCount, 3)
    }

    func testExhaustionAtConfiguredLimitThatIsNotAWordMultiple() {
        var allocator = StreamIDAllocator(maxInFlight: 100)
        var ids = Set<Int16>()
        for _ in 0..<100 {
            ids.insert(allocator.allocate()!)
        }
        XCTAssertEqual(ids, Set(0..<100))
        XCTAssertTrue(allocator.isExhausted)
        XCTAssertNil(allocator.allocate())
        XCTAssertNil(allocator.allocate())
    }

    func testExhaustionAtProtocolLimit() {
        var allocator = StreamIDAllocator()
        var seen = [Bool](repeating: false, count: 32768)
        for _ in 0..<32768 {
            let id = Int(allocator.allocate()!)
            XCTAssertFalse(seen[id])
            seen[id] = true
        }
        XCTAssertNil(allocator.allocate())
        XCTAssertEqual(allocator.inUseCount, 32768)
    }

    func testReleasedIDIsReusedAfterExhaustion() {
        var allocator = StreamIDAllocator(maxInFlight: 130)
        for _ in 0..<130 { _ = allocator.allocate() }
        XCTAssertTrue(allocator.release(7))
        XCTAssertTrue(allocator.release(129))
        XCTAssertEqual(Set([allocator.allocate(), allocator.allocate()]), [7, 129])
        XCTAssertNil(allocator.allocate())
    }

    func testReleaseOfUnknownIDChangesNothing() {
        var allocator = StreamIDAllocator(maxInFlight: 10)
        XCTAssertEqual(allocator.allocate(), 0)
        XCTAssertFalse(allocator.release(1))
        XCTAssertFalse(allocator.release(-1))
        XCTAssertFalse(allocator.release(10))
        XCTAssertFalse(allocator.release(Int16.max))
        XCTAssertTrue(allocator.release(0))
        XCTAssertFalse(allocator.release(0))
        XCTAssertEqual(allocator.inUseCount, 0)
    }

    func testLimitIsClampedToProtocolRange() {
        XCTAssertEqual(StreamIDAllocator(maxInFlight: 0).maxInFlight, 1)
        XCTAssertEqual(StreamIDAllocator(maxInFlight: 100_000).maxInFlight, 32768)
    }

    func testRandomAllocateReleaseNeverHandsOutAnIDInUse() {
        var random = SplitMix64(seed: 0xC0FFEE)
        var allocator = StreamIDAllocator(maxInFlight: 1000)
        var inUse: [Int16] = []
        var inUseSet = Set<Int16>()
        for _ in 0..<50_000 {
            // Bias towards allocation so the allocator spends time near exhaustion.
            if random.next() % 100 < 55 {
                if let id = allocator.allocate() {
                    XCTAssertTrue((0..<1000).contains(id))
                    XCTAssertTrue(inUseSet.insert(id).inserted, "id \(id) handed out twice")
                    inUse.append(id)
                } else {
                    XCTAssertEqual(inUse.count, 1000)
                }
            } else if !inUse.isEmpty {
                let index = Int(random.next() % UInt64(inUse.count))
                let id = inUse.remove(at: index)
                inUseSet.remove(id)
                XCTAssertTrue(allocator.release(id))
            }
            XCTAssertEqual(allocator.inUseCount, inUse.count)
        }
        for id in inUse { XCTAssertTrue(allocator.isInUse(id)) }
    }
}
