@testable import CassandraMonitoring
import CoreMetrics
import XCTest

final class MetricsCollectorMetricsFactoryTests: XCTestCase {
    func testSwiftMetricsHandlesFeedTheCollector() {
        let collector = MetricsCollector(defaultBoundaries: [0.001, 1])
        withMetricsFactory(collector) {
            Counter(label: "c", dimensions: [("k", "v")]).increment(by: 3)
            FloatingPointCounter(label: "f").increment(by: 1.5)
            let meter = Meter(label: "m")
            meter.set(10)
            meter.increment(by: 2)
            meter.decrement(by: 5)
            Recorder(label: "r", aggregate: true).record(0.5)
            Recorder(label: "g", aggregate: false).record(7)
            Timer(label: "t").recordNanoseconds(2_000_000)
        }
        let snapshot = collector.snapshot()
        XCTAssertEqual(snapshot.counter("c", [("k", "v")]), 3)
        XCTAssertEqual(snapshot.counter("f"), 1.5)
        XCTAssertEqual(snapshot.gauge("m"), 7)
        XCTAssertEqual(snapshot.histogram("r")?.count, 1)
        XCTAssertEqual(snapshot.gauge("g"), 7)
        XCTAssertEqual(snapshot.histogram("t")?.sum, 0.002, "timers are recorded in seconds")
        XCTAssertEqual(snapshot.histogram("t")?.bucketCounts, [0, 1, 0])
    }

    func testResetAndDestroy() {
        let collector = MetricsCollector()
        withMetricsFactory(collector) {
            let counter = Counter(label: "c")
            counter.increment(by: 4)
            counter.reset()
            XCTAssertEqual(collector.snapshot().counter("c"), 0)
            counter.increment()
            counter.destroy()
            XCTAssertNil(collector.snapshot().counter("c"))
        }
    }
}
