import CassandraMonitoring
import ECommerceApp
import Foundation
import XCTest

/// `/metrics`, `/dashboard`, `/dashboard.html` and `/health` report measured values.
final class DashboardRoutesTests: ECommerceTestCase {
    func testMetricsAndDashboardReportMeasuredTraffic() async throws {
        try await withApp { api, _ in
            let customer = try await api.createCustomer()
            for _ in 0..<3 { _ = try await api.get("/customers/\(customer.id)") }
            _ = try await api.get("/customers/\(UUID())")

            let metrics = try await api.get("/metrics")
            XCTAssertEqual(metrics.status, .ok)
            XCTAssertEqual(metrics.contentType, "text/plain; version=0.0.4; charset=utf-8")
            XCTAssertTrue(
                metrics.text.contains(#"http_requests_total{method="GET",route="/customers/{id}",status="200"} 3"#), metrics.text)
            XCTAssertTrue(metrics.text.contains(#"http_requests_total{method="GET",route="/customers/{id}",status="404"} 1"#))
            XCTAssertTrue(metrics.text.contains(#"http_request_duration_seconds_count{method="GET",route="/customers/{id}"} 4"#))
            XCTAssertTrue(metrics.text.contains("cassandra_profiler_attempts"))
            let driverRequests = metrics.text.split(separator: "\n").first { $0.hasPrefix("cassandra_requests ") }
            XCTAssertGreaterThan(Double(driverRequests?.split(separator: " ").last ?? "") ?? 0, 0, "the driver's own metrics")
            XCTAssertTrue(metrics.text.contains("# TYPE cassandra_requests_latency histogram"))

            // The monitor samples every 100 ms; rates need two samples.
            var dashboard = try await api.get("/dashboard").decode(DashboardSnapshot.self)
            for _ in 0..<100 where dashboard.database.requestRate == nil || dashboard.process.residentMemoryBytes == nil {
                try await Task.sleep(for: .milliseconds(50))
                dashboard = try await api.get("/dashboard").decode(DashboardSnapshot.self)
            }
            XCTAssertGreaterThanOrEqual(dashboard.http.requests, 6)
            XCTAssertGreaterThanOrEqual(dashboard.http.clientErrors, 1)
            XCTAssertEqual(dashboard.http.serverErrors, 0)
            XCTAssertGreaterThan(dashboard.http.meanLatencySeconds ?? 0, 0)
            let route = try XCTUnwrap(dashboard.http.routes.first { $0.route == "/customers/{id}" && $0.method == "GET" })
            XCTAssertEqual(route.requests, 4)
            XCTAssertGreaterThan(route.p95Seconds ?? 0, 0)
            XCTAssertGreaterThan(dashboard.database.attempts, 0)
            XCTAssertGreaterThan(dashboard.database.meanLatencySeconds ?? 0, 0)
            XCTAssertNotNil(dashboard.database.requestRate)
            XCTAssertGreaterThan(dashboard.process.residentMemoryBytes ?? 0, 1_000_000)
            XCTAssertGreaterThan(dashboard.process.cpuSeconds ?? 0, 0)
            XCTAssertGreaterThanOrEqual(dashboard.nodesUp ?? 0, 1)
            XCTAssertEqual(dashboard.nodesDown, 0)
            XCTAssertFalse(dashboard.nodes.isEmpty)
            XCTAssertTrue(dashboard.nodes.allSatisfy { $0.state == "up" })
            XCTAssertEqual(dashboard.firingAlerts, [])

            let html = try await api.get("/dashboard.html")
            XCTAssertEqual(html.contentType, "text/html; charset=utf-8")
            XCTAssertTrue(html.text.contains("<h1>E-commerce dashboard</h1>"))
            XCTAssertTrue(html.text.contains("/customers/{id}"))

            let health = try await api.get("/health")
            XCTAssertEqual(health.status, .ok)
        }
    }

    func testAnAlertOnAMeasuredValueFiresAndShows() async throws {
        // Any live process has more than one byte resident: this rule fires on the first sample.
        let rule = AlertRule(name: "memory-in-use", metric: .residentMemoryBytes, .above, 1)
        try await withApp(monitoring: MonitoringService(interval: .milliseconds(100), rules: [rule])) { api, _ in
            var dashboard = try await api.get("/dashboard").decode(DashboardSnapshot.self)
            for _ in 0..<100 where dashboard.firingAlerts.isEmpty {
                try await Task.sleep(for: .milliseconds(50))
                dashboard = try await api.get("/dashboard").decode(DashboardSnapshot.self)
            }
            XCTAssertEqual(dashboard.firingAlerts, ["memory-in-use"])
            let event = try XCTUnwrap(dashboard.recentAlerts.first)
            XCTAssertEqual([event.name, event.kind], ["memory-in-use", "fired"])
            XCTAssertGreaterThan(event.value, 1_000_000)
            let metrics = try await api.get("/metrics")
            XCTAssertTrue(metrics.text.contains(#"cassandra_monitor_alert_firing{alert="memory-in-use"} 1"#), metrics.text)
        }
    }
}
