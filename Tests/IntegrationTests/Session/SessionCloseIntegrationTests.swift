import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

/// ``Session/close()`` with requests in flight: it waits for them (they complete or fail by
/// their own timeout, never hang), refuses new ones, and leaves no connection open on the
/// server.
final class SessionCloseIntegrationTests: XCTestCase {
    func testCloseDrainsRequestsInFlightAndClosesEveryConnection() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedServer { server in
            let before = server.connectionCount
            var configuration = Session.Configuration(contactPoints: [server.contactPoint])
            configuration.connectionsPerNode = 2
            let session = try await Session.connect(configuration: configuration)
            let select = try await session.prepare("SELECT release_version FROM system.local WHERE key = ?")
            let opened = await eventually { server.connectionCount == before + 3 }
            XCTAssertTrue(opened, "expected the control connection and 2 pooled connections")
            server.addFaultRule(FaultRule(.opcode(.execute), .delay(.milliseconds(300))))

            let requests = Task {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<50 {
                        group.addTask { try await session.execute(select, "local").count }
                    }
                    return try await group.reduce(0, +)
                }
            }
            try await Task.sleep(for: .milliseconds(100))  // let them reach the server
            let closeStarted = ContinuousClock.now
            try await session.close()
            XCTAssertGreaterThanOrEqual(ContinuousClock.now - closeStarted, .milliseconds(100), "close did not wait for requests in flight")
            XCTAssertLessThan(ContinuousClock.now - closeStarted, .seconds(3))
            let rows = try await requests.value
            XCTAssertEqual(rows, 50, "requests in flight at close did not complete")

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
        try await withDedicatedServer { server in
            let before = server.connectionCount
            let session = try await Session.connect(configuration: .init(contactPoints: [server.contactPoint]))
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
            try await Task.sleep(for: .milliseconds(100))
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
