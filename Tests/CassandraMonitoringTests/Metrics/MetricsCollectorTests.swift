@testable import CassandraMonitoring
import XCTest

final class MetricsCollectorTests: XCTestCase {
    func testCountersGaugesAndHistogramsAreKeyedByNameAndUnorderedDimensions() {
        let collector = MetricsCollector(defaultBoundaries: [1, 10])
        collector.increment("requests", dimensions: [("a", "1"), ("b", "2")])
        collector.increment("requests", dimensions: [("b", "2"), ("a", "1")], by: 2)
        collector.increment("requests", dimensions: [("a", "x")])
        collector.increment("requests", by: -5)
        collector.set("nodes", to: 3)
        collector.set("nodes", to: 2)
        collector.record("latency", 0.5)
        collector.record("latency", 5)

        let snapshot = collector.snapshot()
        XCTAssertEqual(snapshot.counter("requests", [("a", "1"), ("b", "2")]), 3)
        XCTAssertEqual(snapshot.counter("requests", [("a", "x")]), 1)
        XCTAssertNil(snapshot.counter("requests"), "a negative increment creates nothing")
        XCTAssertEqual(snapshot.counterTotal("requests"), 4)
        XCTAssertEqual(snapshot.gauge("nodes"), 2)
        XCTAssertEqual(snapshot.histogram("latency")?.bucketCounts, [1, 1, 0])
    }

    func testPerMetricBoundaries() {
        let collector = MetricsCollector(defaultBoundaries: [1])
        collector.setBoundaries([100, 200], for: "size")
        collector.record("size", 150)
        XCTAssertEqual(collector.snapshot().histogram("size")?.boundaries, [100, 200])
    }

    func testConcurrentIncrementsAreAllCounted() async {
        let collector = MetricsCollector()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { for _ in 0..<1000 { collector.increment("hits") } }
            }
        }
        XCTAssertEqual(collector.snapshot().counter("hits"), 8000)
    }
}
