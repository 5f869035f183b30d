import Foundation
import XCTest
@testable import CQLProtocol

final class TimeUUIDGeneratorTests: XCTestCase {
    func testLayoutAndTimestampExtraction() throws {
        // 2024-01-01T00:00:00Z = 1704067200 s after the Unix epoch.
        let date = Date(timeIntervalSince1970: 1_704_067_200)
        var generator = TimeUUIDGenerator(node: 0x0123_4567_89AB, clockSequence: 0x1234)
        let uuid = generator.next(timestamp: date)
        let ticks = UInt64(1_704_067_200) * 10_000_000 + TimeUUIDGenerator.unixEpochTicks
        XCTAssertEqual(uuid.timeBasedTicks, ticks)
        XCTAssertEqual(uuid.timeBasedDate, date)
        XCTAssertTrue(uuid.isTimeBased)
        // time_low, time_mid, version 1 + time_hi, variant 10 + clock seq, node.
        XCTAssertEqual(uuid.uuidString, "B4CC8000-A838-11EE-9234-0123456789AB")
        XCTAssertEqual(try CQLValue.timeuuid(uuid).serialized(as: .timeuuid).count, 16)
    }

    func testNeverRepeatsWithinOneTickOrWhenTheClockGoesBack() {
        var generator = TimeUUIDGenerator(node: 1, clockSequence: 1)
        let date = Date(timeIntervalSince1970: 1_000)
        var seen = Set<UUID>()
        var previous: UInt64 = 0
        for step in 0..<1000 {
            let uuid = generator.next(timestamp: step == 500 ? date.addingTimeInterval(-60) : date)
            XCTAssertTrue(seen.insert(uuid).inserted)
            let ticks = uuid.timeBasedTicks ?? 0
            XCTAssertGreaterThan(ticks, previous)
            previous = ticks
        }
    }

    func testSharedGeneratorIsUniqueAndHonorsOverrides() {
        let date = Date(timeIntervalSince1970: 2_000)
        let first = UUID.timeBased(timestamp: date)
        let second = UUID.timeBased(timestamp: date)
        XCTAssertNotEqual(first, second)
        let custom = UUID.timeBased(timestamp: date, clockSequence: 0x0ABC, node: 0xAABB_CCDD_EEFF)
        XCTAssertTrue(custom.uuidString.hasSuffix("8ABC-AABBCCDDEEFF"))
        XCTAssertTrue(UUID.timeBased().isTimeBased)
    }

    func testTicksAreClampedToTheVersion1Range() {
        XCTAssertEqual(TimeUUIDGenerator.ticks(for: Date(timeIntervalSince1970: -20_000_000_000)), 0)
        XCTAssertEqual(TimeUUIDGenerator.ticks(for: .distantFuture), 64_092_211_200 * 10_000_000 + TimeUUIDGenerator.unixEpochTicks)
        XCTAssertEqual(TimeUUIDGenerator.ticks(for: Date(timeIntervalSince1970: 1e15)), TimeUUIDGenerator.maximumTicks)
        XCTAssertEqual(TimeUUIDGenerator.ticks(for: Date(timeIntervalSince1970: .infinity)), TimeUUIDGenerator.maximumTicks)
    }

    func testNonVersion1HasNoTimestamp() {
        let random = UUID(uuidString: "00112233-4455-4677-8899-AABBCCDDEEFF")!
        XCTAssertNil(random.timeBasedTicks)
        XCTAssertNil(random.timeBasedDate)
    }
}
