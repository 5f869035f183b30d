@testable import CassandraMonitoring
import Synchronization
import XCTest

final class SystemMonitorTests: XCTestCase {
    /// Returns the scripted samples in order, then the last one forever.
    private func scripted(_ samples: [[SystemMonitor.Metric: Double]]) -> SystemMonitor.Sample {
        let remaining = Mutex(samples)
        return { _ in remaining.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] } }
    }

    func testTickPublishesGaugesAndFiresOnTheInjectedClock() async {
        let clock = ManualClock()
        let collector = MetricsCollector()
        let rule = AlertRule(name: "slow", metric: .meanLatencySeconds, .above, 0.1, for: .seconds(20))
        let monitor = SystemMonitor(
            interval: .seconds(10), rules: [rule], clock: clock, collector: collector,
            sample: scripted([[.meanLatencySeconds: 0.2], [.meanLatencySeconds: 0.3], [.meanLatencySeconds: 0.05]]))

        let first = await monitor.tick()
        XCTAssertEqual(first, [])
        XCTAssertEqual(collector.snapshot().gauge(MonitoringMetricName.monitor, [("metric", "mean_latency_seconds")]), 0.2)
        clock.advance(by: .seconds(20))
        let second = await monitor.tick()
        XCTAssertEqual(second, [AlertEvent(kind: .fired, rule: rule, value: 0.3, at: .seconds(20))])
        XCTAssertEqual(monitor.firingAlerts, ["slow"])
        XCTAssertEqual(collector.snapshot().gauge(MonitoringMetricName.alertFiring, [("alert", "slow")]), 1)
        clock.advance(by: .seconds(10))
        let third = await monitor.tick()
        XCTAssertEqual(third.map(\.kind), [.resolved])
        XCTAssertEqual(monitor.latestSample, [.meanLatencySeconds: 0.05])
        XCTAssertEqual(collector.snapshot().gauge(MonitoringMetricName.alertFiring, [("alert", "slow")]), 0)
    }

    func testRunSamplesEveryIntervalAndStreamsEventsUntilCancelled() async {
        let clock = ManualClock()
        let times = Mutex<[Duration]>([])
        let rule = AlertRule(name: "down", metric: .nodesDown, .above, 0, for: .seconds(10))
        let values: [Double] = [0, 1, 1, 1, 0]
        let monitor = SystemMonitor(interval: .seconds(5), rules: [rule], clock: clock) { elapsed in
            times.withLock { times in
                times.append(elapsed)
                return [.nodesDown: values[min(times.count - 1, values.count - 1)]]
            }
        }
        let task = Task { await monitor.run() }
        var received: [AlertEvent] = []
        for await event in monitor.events {
            received.append(event)
            if received.count == 2 { task.cancel() }
        }
        await task.value
        XCTAssertEqual(received.map(\.kind), [.fired, .resolved])
        XCTAssertEqual(received.map(\.at), [.seconds(15), .seconds(20)])
        XCTAssertEqual(Array(times.withLock { $0 }.prefix(5)), [.zero, .seconds(5), .seconds(10), .seconds(15), .seconds(20)])
    }
}
