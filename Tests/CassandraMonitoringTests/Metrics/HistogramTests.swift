@testable import CassandraMonitoring
import XCTest

final class HistogramTests: XCTestCase {
    func testRecordsIntoInclusiveUpperBoundBuckets() {
        var histogram = Histogram(boundaries: [1, 5, 10])
        for value in [0.5, 1, 3, 5, 7, 20] { histogram.record(value) }
        XCTAssertEqual(histogram.bucketCounts, [2, 2, 1, 1])
        XCTAssertEqual(histogram.cumulativeCounts, [2, 4, 5, 6])
        XCTAssertEqual(histogram.count, 6)
        XCTAssertEqual(histogram.sum, 36.5)
        XCTAssertEqual(histogram.min, 0.5)
        XCTAssertEqual(histogram.max, 20)
        XCTAssertEqual(histogram.mean ?? 0, 36.5 / 6, accuracy: 1e-12)
    }

    func testBoundariesAreSortedDeduplicatedAndFinite() {
        XCTAssertEqual(Histogram(boundaries: [5, 1, 5, .infinity, .nan]).boundaries, [1, 5])
    }

    func testNaNIsIgnored() {
        var histogram = Histogram(boundaries: [1])
        histogram.record(.nan)
        XCTAssertEqual(histogram.count, 0)
        XCTAssertNil(histogram.percentile(0.5))
    }

    func testPercentileInterpolatesInsideTheBucketAndIsClampedToMinAndMax() throws {
        var histogram = Histogram(boundaries: [10, 20])
        for _ in 0..<10 { histogram.record(15) }
        // Every value is 15, so min and max pin the estimate.
        XCTAssertEqual(histogram.percentile(0.5), 15)

        var spread = Histogram(boundaries: [10, 20, 30])
        for value in stride(from: 1.0, through: 30, by: 1) { spread.record(value) }
        // Rank 15 of 30 is the 5th of 10 values in (10, 20]: 10 + 10 * 5/10.
        XCTAssertEqual(try XCTUnwrap(spread.percentile(0.5)), 15, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(spread.percentile(1)), 30, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(spread.percentile(0)), 1, accuracy: 1e-9)
    }

    func testPercentileInTheInfBucketIsBoundedByMax() throws {
        var histogram = Histogram(boundaries: [1])
        histogram.record(2)
        histogram.record(4)
        XCTAssertEqual(try XCTUnwrap(histogram.percentile(1)), 4, accuracy: 1e-9)
        XCTAssertLessThanOrEqual(try XCTUnwrap(histogram.percentile(0.5)), 4)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(histogram.percentile(0.5)), 2)
    }
}
