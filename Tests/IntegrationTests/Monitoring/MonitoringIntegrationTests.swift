import CassandraDriver
import CassandraMonitoring
import CQLTesting
import Metrics
import XCTest

/// The monitoring module against a real server: the profiler installed as a request observer,
/// the collector as the task's swift-metrics factory (`withMetricsFactory`, so nothing global
/// is bootstrapped), and the system monitor sampling the live session.
final class MonitoringIntegrationTests: XCTestCase {
    func testProfilerCollectorAndMonitorMeasureRealQueries() async throws {
        let collector = MetricsCollector()
        let profiler = QueryProfiler(collector: collector)
        let recorder = RecordingObserver()
        try await withMetricsFactory(collector) {
            try await withTestKeyspaceSession(configure: { $0.requestObservers = [profiler, recorder] }) { session, _ in
                try await session.execute("CREATE TABLE kv (k int PRIMARY KEY, v text)")
                try await session.waitForSchemaAgreement()
                let sampler = SystemSampler(session: session, profiler: profiler)
                let monitor = SystemMonitor(
                    interval: .seconds(1),
                    rules: [AlertRule(name: "errors", metric: .errorRate, .above, 0)],
                    collector: collector
                ) { elapsed in sampler.sample(at: elapsed) }
                profiler.reset()
                recorder.reset()
                await monitor.tick()
                let profiledBefore = collector.snapshot().counterTotal(MonitoringMetricName.profiledAttempts)

                let insert = "INSERT INTO kv (k, v) VALUES (1, 'one')"
                for _ in 0..<10 { try await session.execute(insert) }
                let select = "SELECT v FROM kv WHERE k = 1"
                let rows = try await session.execute(select)
                XCTAssertEqual(rows.count, 1)
                let invalid = "SELECT no_such_column FROM kv"
                do {
                    _ = try await session.execute(invalid)
                    XCTFail("an invalid query succeeded")
                } catch let error as CassandraError where error.code == .server {}

                let inserts = try XCTUnwrap(profiler.profile(of: insert))
                XCTAssertEqual(inserts.count, 10)
                XCTAssertEqual(inserts.count, UInt64(recorder.attempts(of: insert).count))
                XCTAssertEqual(inserts.errors, 0)
                XCTAssertGreaterThan(inserts.latency.min ?? 0, 0)
                XCTAssertEqual(inserts.latency.count, 10)
                XCTAssertEqual(inserts.slowest.count, 5)
                XCTAssertEqual(Set(inserts.slowest.map(\.node)), Set(recorder.attempts(of: insert).map(\.node)))
                XCTAssertEqual(profiler.profile(of: select)?.count, 1)
                let failed = try XCTUnwrap(profiler.profile(of: invalid))
                XCTAssertEqual(failed.count, 1)
                XCTAssertEqual(failed.errors, 1)
                XCTAssertEqual(failed.errorCodes, ["server": 1])
                XCTAssertEqual(profiler.totals().attempts, UInt64(recorder.attempts.count))
                XCTAssertEqual(profiler.totals().failures, 1)

                let events = await monitor.tick()
                let sample = monitor.latestSample
                XCTAssertGreaterThan(sample[.requestRate] ?? 0, 0)
                XCTAssertEqual(try XCTUnwrap(sample[.errorRate]), 1 / Double(recorder.attempts.count), accuracy: 1e-9)
                XCTAssertGreaterThan(sample[.meanLatencySeconds] ?? 0, 0)
                XCTAssertGreaterThanOrEqual(sample[.nodesUp] ?? 0, 1)
                // What the session itself sees (an external cluster may have a node down).
                let down = session.cluster.nodes.filter { !$0.isUp }.count
                XCTAssertEqual(sample[.nodesDown], Double(down))
                XCTAssertGreaterThan(sample[.residentMemoryBytes] ?? 0, 0)
                XCTAssertGreaterThanOrEqual(sample[.cpuUsage] ?? -1, 0)
                XCTAssertEqual(events.map(\.kind), [.fired])

                let snapshot = collector.snapshot()
                XCTAssertGreaterThanOrEqual(snapshot.counterTotal(CassandraMetricName.requests), 12)
                XCTAssertEqual(
                    snapshot.counterTotal(MonitoringMetricName.profiledAttempts) - profiledBefore, Double(recorder.attempts.count))
                let text = snapshot.prometheusText()
                XCTAssertTrue(text.contains("# TYPE cassandra_requests counter\n"), text)
                XCTAssertTrue(text.contains("# TYPE cassandra_requests_latency histogram\n"), text)
                XCTAssertTrue(text.contains("cassandra_requests_latency_bucket{"), text)
                XCTAssertTrue(text.contains("# TYPE cassandra_requests_errors counter\n"), text)
                XCTAssertTrue(text.contains("code=\"server\"} 1\n"), text)
                XCTAssertTrue(text.contains("cassandra_profiler_attempts{outcome=\"failure\"} 1\n"), text)
                XCTAssertTrue(text.contains("cassandra_monitor_alert_firing{alert=\"errors\"} 1\n"), text)
                XCTAssertTrue(text.contains("cassandra_monitor{metric=\"nodes_down\"} \(down)\n"), text)
            }
        }
    }
}
