import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import Metrics
import MetricsTestKit
import XCTest

/// What a session reports about its requests: one ``RequestAttempt`` per attempt to every
/// ``RequestObserver``, and swift-metrics counters and timers.
///
/// Metrics use a `TestMetrics` factory bound to the test's task with `withMetricsFactory`
/// (swift-metrics 2.13), not `MetricsSystem.bootstrap`: the session creates its handles in
/// `Session.connect` and error counters in the requesting task, both inside the binding, so
/// every test gets its own factory and nothing global is touched.
final class ObservabilityIntegrationTests: XCTestCase {
    func testObserversSeeStatementNodeAttemptLatencyAndOutcome() async throws {
        let observer = RecordingObserver()
        try await withTestKeyspaceSession(configure: { $0.requestObservers = [observer] }) { session, _ in
            try await session.execute("CREATE TABLE kv (k int PRIMARY KEY, v text)")
            try await session.waitForSchemaAgreement()
            observer.reset()

            let insert = "INSERT INTO kv (k, v) VALUES (1, 'one')"
            let result = try await session.execute(insert)
            let success = try XCTUnwrap(observer.attempts(of: insert).first)
            XCTAssertEqual(observer.attempts(of: insert).count, 1)
            XCTAssertEqual(success.attempt, 1)
            XCTAssertTrue(success.outcome.isSuccess)
            XCTAssertGreaterThan(success.latency, .zero)
            XCTAssertLessThan(success.latency, .seconds(5))
            XCTAssertEqual(success.node, result.node)

            let invalid = "SELECT no_such_column FROM kv"
            do {
                _ = try await session.execute(invalid)
                XCTFail("an invalid query succeeded")
            } catch let error as CassandraError {
                XCTAssertEqual(error.code, .server)
            }
            let failure = try XCTUnwrap(observer.attempts(of: invalid).first)
            XCTAssertEqual(observer.attempts(of: invalid).count, 1)
            XCTAssertEqual(failure.attempt, 1)
            XCTAssertEqual(failure.outcome.error?.serverError?.code, .invalid)
            XCTAssertEqual(failure.outcome.error?.statement, invalid)
            XCTAssertGreaterThan(failure.latency, .zero)
            XCTAssertEqual(failure.node, success.node)
        }
    }

    func testObserversSeeEveryAttemptOfARetriedRequestAndItsTimeout() async throws {
        try await skipUnlessEmbeddedServer()
        let observer = RecordingObserver()
        try await withDedicatedServerSession(configure: {
            $0.requestObservers = [observer]
            $0.retryPolicy = RetryOnTheSameNode()
        }) { session, server, _ in
            try await session.execute("CREATE TABLE kv (k int PRIMARY KEY, v text)")
            try await session.waitForSchemaAgreement()
            let select = try await session.prepare("SELECT v FROM kv WHERE k = ?")
            observer.reset()
            server.addFaultRule(FaultRule(.opcode(.execute), .delay(.seconds(2)), times: 1))
            _ = try await session.execute(select, Int32(1), options: .init(timeout: .milliseconds(200), isIdempotent: true))
            let attempts = observer.attempts(of: select.cql)
            XCTAssertEqual(attempts.map(\.attempt), [1, 2])
            XCTAssertEqual(attempts.first?.outcome.error?.code, .requestTimeout)
            // The timed-out attempt's latency is measured, not assumed: about its timeout.
            XCTAssertGreaterThanOrEqual(attempts.first?.latency ?? .zero, .milliseconds(150))
            XCTAssertLessThan(attempts.first?.latency ?? .zero, .seconds(1))
            XCTAssertTrue(attempts.last?.outcome.isSuccess ?? false)
            XCTAssertEqual(Set(attempts.map(\.node)), [server.contactPoint])
        }
    }

    func testMetricsCountRequestsRetriesErrorsLatencyAndConnections() async throws {
        try await skipUnlessEmbeddedServer()
        let metrics = TestMetrics()
        try await withMetricsFactory(metrics) {
            try await withDedicatedServerSession(configure: {
                $0.retryPolicy = RetryOnTheSameNode()
                $0.connectionsPerNode = 2
            }) { session, server, _ in
                // Requests made by withDedicatedServerSession (CREATE KEYSPACE) count too.
                let requestsBefore = try metrics.expectCounter(CassandraMetricName.requests).totalValue
                try await session.execute("CREATE TABLE kv (k int PRIMARY KEY, v text)")
                let insert = try await session.prepare("INSERT INTO kv (k, v) VALUES (?, ?)")
                for k in 0..<Int32(10) { try await session.execute(insert, k, "v") }
                server.addFaultRule(FaultRule(.opcode(.execute), .respond(
                    ServerError(code: .overloaded, message: "fault rule")), times: 1))
                try await session.execute(insert, Int32(10), "retried", options: .init(isIdempotent: true))
                do {
                    _ = try await session.execute("SELECT no_such_column FROM kv")
                } catch let error as CassandraError where error.code == .server {}

                // CREATE TABLE, PREPARE, 10 + 1 inserts, the failed SELECT.
                let requests = try metrics.expectCounter(CassandraMetricName.requests).totalValue - requestsBefore
                XCTAssertEqual(requests, 14)
                XCTAssertEqual(try metrics.expectCounter(CassandraMetricName.retries).totalValue, 1)
                XCTAssertEqual(try metrics.expectCounter(CassandraMetricName.errors, [("code", "server")]).totalValue, 1)
                let latencies = try metrics.expectTimer(CassandraMetricName.latency).values
                XCTAssertEqual(Int64(latencies.count), requests + requestsBefore)
                XCTAssertTrue(latencies.allSatisfy { $0 > 0 }, "a latency of 0 ns was recorded")
                XCTAssertGreaterThanOrEqual(try metrics.expectCounter(CassandraMetricName.connectionsOpened).totalValue, 2)
                let inFlight = try metrics.expectMeter(CassandraMetricName.inFlight)
                XCTAssertEqual(inFlight.lastValue, 0)
                XCTAssertEqual(inFlight.values.max(), 1, "requests ran one at a time")
            }
        }
    }
}
