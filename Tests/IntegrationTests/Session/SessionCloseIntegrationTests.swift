import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import Metrics
import MetricsTestKit
import XCTest

/// ``Session/close()`` with requests in flight: it waits for them (they complete or fail by
/// their own timeout, never hang), refuses new ones, and leaves no connection open on the
/// server. The session's in-flight meter (a per-test `TestMetrics`) tells when every request
/// has started, so close never races the requests' tasks.
final class SessionCloseIntegrationTests: XCTestCase {
    func testCloseDrainsRequestsInFlightAndClosesEveryConnection() async throws {
        try await skipUnlessEmbeddedServer()
        let metrics = TestMetrics()
        try await withDedicatedServer { server in
            let before = server.connectionCount
            var configuration = Session.Configuration(contactPoints: [server.contactPoint])
            configuration.connectionsPerNode = 2
            let session = try await withMetricsFactory(metrics) { try await Session.connect(configuration: configuration) }
            let select = try await session.prepare("SELECT release_version FROM system.local WHERE key = ?")
            let opened = await eventually { server.connectionCount == before + 3 }
            XCTAssertTrue(opened, "expected the control connection and 2 pooled connections")
            server.addFaultRule(FaultRule(.opcode(.execute), .delay(.milliseconds(500))))

            let requests = Task {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<50 {
                        group.addTask { try await session.execute(select, "local").count }
                    }
                    return try await group.reduce(0, +)
                }
            }
            let inFlight = try metrics.expectMeter(CassandraMetricName.inFlight)
            let allStarted = await eventually { inFlight.lastValue == 50 }
            XCTAssertTrue(allStarted, "only \(inFlight.lastValue ?? 0) requests started")
            let closeStarted = ContinuousClock.now
            try await session.close()
            let closing = ContinuousClock.now - closeStarted
            XCTAssertGreaterThanOrEqual(closing, .milliseconds(100), "close did not wait for requests in flight")
            XCTAssertLessThan(closing, .seconds(3))
            let rows = try await requests.value
            XCTAssertEqual(rows, 50, "requests in flight at close did not complete")
            XCTAssertEqual(inFlight.lastValue, 0)

            do {
                _ = try await session.execute(select, "local")
                XCTFail("a closed session accepted a request")
            } catch let error as CassandraError {
                XCTAssertEqual(error.code, .shutdown)
            }
            let closed = await eventually { server.connectionCount == before }
            XCTAssertTrue(closed, "\(server.connectionCount - before) connection(s) still open after close")
        }
    }

    func testCloseWithUnansweredRequestsEndsByTheirTimeout() async throws {
        try await skipUnlessEmbeddedServer()
        let metrics = TestMetrics()
        try await withDedicatedServer { server in
            let before = server.connectionCount
            let configuration = Session.Configuration(contactPoints: [server.contactPoint])
            let session = try await withMetricsFactory(metrics) { try await Session.connect(configuration: configuration) }
            let select = try await session.prepare("SELECT release_version FROM system.local WHERE key = ?")
            server.addFaultRule(FaultRule(.opcode(.execute), .drop))
            let requests = Task {
                await withTaskGroup(of: CassandraError.Code?.self) { group in
                    for _ in 0..<20 {
                        group.addTask {
                            do {
                                _ = try await session.execute(select, "local", options: .init(timeout: .milliseconds(500)))
                                return nil
                            } catch let error as CassandraError {
                                return error.code
                            } catch {
                                return .invalidArgument
                            }
                        }
                    }
                    return await group.reduce(into: []) { $0.append($1) }
                }
            }
            let inFlight = try metrics.expectMeter(CassandraMetricName.inFlight)
            let allStarted = await eventually { inFlight.lastValue == 20 }
            XCTAssertTrue(allStarted, "only \(inFlight.lastValue ?? 0) requests started")
            let closeStarted = ContinuousClock.now
            try await session.close()
            XCTAssertLessThan(ContinuousClock.now - closeStarted, .seconds(2), "close hung on requests the server never answers")
            let codes = await requests.value
            XCTAssertEqual(codes, Array(repeating: .requestTimeout, count: 20))
            let closed = await eventually { server.connectionCount == before }
            XCTAssertTrue(closed, "\(server.connectionCount - before) connection(s) still open after close")
        }
    }
}
