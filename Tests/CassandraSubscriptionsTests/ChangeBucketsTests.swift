@testable import CassandraSubscriptions
import CQLProtocol
import Foundation
import XCTest

final class ChangeBucketsTests: XCTestCase {
    func testBucketsAreFloorDivisionsOfTheEpochMillisecond() throws {
        let buckets = try ChangeBuckets(width: .seconds(60))
        XCTAssertEqual(buckets.widthMilliseconds, 60_000)
        XCTAssertEqual(buckets.bucket(milliseconds: 0), 0)
        XCTAssertEqual(buckets.bucket(milliseconds: 59_999), 0)
        XCTAssertEqual(buckets.bucket(milliseconds: 60_000), 1)
        XCTAssertEqual(buckets.bucket(milliseconds: -1), -1)
        XCTAssertEqual(buckets.bucket(milliseconds: -60_000), -1)
        XCTAssertEqual(buckets.bucket(milliseconds: -60_001), -2)
        XCTAssertEqual(buckets.startMilliseconds(of: 3), 180_000)
        XCTAssertEqual(buckets.endMilliseconds(of: 3), 240_000)
        XCTAssertEqual(buckets.bucket(containing: Date(timeIntervalSince1970: 1_700_000_000.5)), 1_700_000_000_500 / 60_000)
    }

    func testAChangeFallsIntoTheBucketOfItsTimestamp() throws {
        let buckets = try ChangeBuckets(width: .milliseconds(1_500))
        let edgeTicks = UInt64(1_500 * 1_000_000 * 10_000) + TimeUUIDGenerator.unixEpochTicks
        let justBefore = TimeUUIDGenerator.uuid(ticks: edgeTicks - 1, clockSequence: 1, node: 1)
        let atEdge = TimeUUIDGenerator.uuid(ticks: edgeTicks, clockSequence: 1, node: 1)
        XCTAssertEqual(buckets.bucket(of: atEdge), 1_000_000)
        XCTAssertEqual(buckets.bucket(of: justBefore), 999_999)
        XCTAssertNil(buckets.bucket(of: UUID()))
    }

    func testAWidthBelowAMillisecondIsRefused() {
        XCTAssertThrowsError(try ChangeBuckets(width: .microseconds(999))) { error in
            XCTAssertEqual((error as? SubscriptionError)?.code, .invalidArgument)
        }
    }
}
