@testable import CassandraMonitoring
import XCTest

final class MetricsCollectorPrometheusTests: XCTestCase {
    func testCountersGaugesAndHistogramsInTextFormat004() {
        let collector = MetricsCollector(defaultBoundaries: [0.005, 1])
        collector.describe("cassandra.requests", help: "Requests started.")
        collector.increment("cassandra.requests", dimensions: [("session", "a")], by: 3)
        collector.increment("cassandra.requests", dimensions: [("code", "server"), ("session", "b")])
        collector.set("nodes.up", to: 2)
        collector.record("cassandra.requests.latency", 0.00390625)
        collector.record("cassandra.requests.latency", 0.5)
        collector.record("cassandra.requests.latency", 3)

        XCTAssertEqual(collector.snapshot().prometheusText(), """
            # HELP cassandra_requests Requests started.
            # TYPE cassandra_requests counter
            cassandra_requests{code="server",session="b"} 1
            cassandra_requests{session="a"} 3
            # HELP cassandra_requests_latency cassandra.requests.latency
            # TYPE cassandra_requests_latency histogram
            cassandra_requests_latency_bucket{le="0.005"} 1
            cassandra_requests_latency_bucket{le="1"} 2
            cassandra_requests_latency_bucket{le="+Inf"} 3
            cassandra_requests_latency_sum 3.50390625
            cassandra_requests_latency_count 3
            # HELP nodes_up nodes.up
            # TYPE nodes_up gauge
            nodes_up 2

            """)
    }

    func testLabelsKeepTheirDimensionsOnBucketLines() {
        let collector = MetricsCollector(defaultBoundaries: [1])
        collector.record("t", dimensions: [("node", "10.0.0.1:9042")], 0.5)
        XCTAssertEqual(collector.snapshot().prometheusText(), """
            # HELP t t
            # TYPE t histogram
            t_bucket{node="10.0.0.1:9042",le="1"} 1
            t_bucket{node="10.0.0.1:9042",le="+Inf"} 1
            t_sum{node="10.0.0.1:9042"} 0.5
            t_count{node="10.0.0.1:9042"} 1

            """)
    }

    func testEscapingAndSanitizing() {
        let collector = MetricsCollector()
        collector.describe("9lives-total", help: "back\\slash\nnewline \"quoted\"")
        collector.set("9lives-total", dimensions: [("query.text", "a\\b\"c\nd")], to: 1.25)
        XCTAssertEqual(collector.snapshot().prometheusText(), """
            # HELP _9lives_total back\\\\slash\\nnewline "quoted"
            # TYPE _9lives_total gauge
            _9lives_total{query_text="a\\\\b\\"c\\nd"} 1.25

            """)
    }

    func testSpecialValues() {
        XCTAssertEqual(PrometheusText.value(.infinity), "+Inf")
        XCTAssertEqual(PrometheusText.value(-.infinity), "-Inf")
        XCTAssertEqual(PrometheusText.value(.nan), "NaN")
        XCTAssertEqual(PrometheusText.value(-3), "-3")
        XCTAssertEqual(PrometheusText.value(0.25), "0.25")
        XCTAssertEqual(PrometheusText.metricName("a:b.c"), "a:b_c")
        XCTAssertEqual(PrometheusText.labelName("a:b"), "a_b")
        XCTAssertEqual(PrometheusText.metricName(""), "_")
    }

    func testEmptySnapshotIsEmpty() {
        XCTAssertEqual(MetricsCollector().snapshot().prometheusText(), "")
    }
}
