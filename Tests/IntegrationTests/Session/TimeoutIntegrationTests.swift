import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

/// Client-side request timeouts against a server that answers late or never (fault rules):
/// the caller gets ``CassandraError/Code/requestTimeout`` on time, the late response is
/// dropped, its stream id comes back, and the connection stays usable.
final class TimeoutIntegrationTests: XCTestCase {
    /// Stream ids per connection: small, so that a leaked id shows up within one round.
    private static let streamIDs = 16

    func testDelayedResponsesTimeOutAndTheConnectionKeepsWorking() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedServerSession(configure: {
            $0.connectionsPerNode = 1
            $0.maxRequestsPerConnection = Self.streamIDs
            $0.requestTimeout = .seconds(3)
        }) { session, server, _ in
            let select = try await prepareNumbers(session, count: 200)
            for round in 0..<2 {
                // Every stream id of the one connection carries a request the server answers
                // only after 1 s; each caller gives up after 150 ms.
                server.addFaultRule(FaultRule(.opcode(.execute), .delay(.seconds(1)), times: Self.streamIDs))
                let timedOut = try await withThrowingTaskGroup(of: (CassandraError?, Duration).self) { group in
                    for k in 0..<Self.streamIDs {
                        group.addTask {
                            let started = ContinuousClock.now
                            do {
                                _ = try await session.execute(select, Int32(k), options: .init(timeout: .milliseconds(150)))
                                return (nil, ContinuousClock.now - started)
                            } catch let error as CassandraError {
                                return (error, ContinuousClock.now - started)
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                for (error, elapsed) in timedOut {
                    XCTAssertEqual(error?.code, .requestTimeout, "round \(round): \(error.map { String(reflecting: $0) } ?? "succeeded")")
                    XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(100), "round \(round): failed before its timeout")
                    XCTAssertLessThan(elapsed, .milliseconds(950), "round \(round): the timeout fired late")
                }
                // Now more requests than stream ids, at once: they wait for the late responses
                // to free the ids, and each gets its own row, never a late response.
                let started = ContinuousClock.now
                let wrong = try await withThrowingTaskGroup(of: Int.self) { group in
                    for k in 0..<200 {
                        group.addTask {
                            let row = try await session.execute(select, Int32(k))
                            return try row.first?["v", as: Int32.self] == Int32(k) * 10 ? 0 : 1
                        }
                    }
                    return try await group.reduce(0, +)
                }
                XCTAssertEqual(wrong, 0, "round \(round): a request received another request's response")
                XCTAssertLessThan(ContinuousClock.now - started, .seconds(4), "round \(round): stream ids were not freed")
            }
        }
    }

    func testADroppedResponseTimesOutInsteadOfHanging() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedServerSession(configure: {
            $0.connectionsPerNode = 1
            $0.maxRequestsPerConnection = Self.streamIDs
        }) { session, server, _ in
            let select = try await prepareNumbers(session, count: 10)
            server.addFaultRule(FaultRule(.opcode(.execute), .drop, times: 1))
            let started = ContinuousClock.now
            do {
                _ = try await session.execute(select, Int32(1), options: .init(timeout: .milliseconds(300)))
                XCTFail("a dropped request succeeded")
            } catch let error as CassandraError {
                XCTAssertEqual(error.code, .requestTimeout, String(reflecting: error))
                XCTAssertEqual(error.node, server.contactPoint)
                XCTAssertEqual(error.statement, select.cql)
            }
            XCTAssertLessThan(ContinuousClock.now - started, .seconds(2))
            // The same connection answers the next requests (one id stays taken by the orphan).
            for k in 0..<Int32(10) {
                let row = try await session.execute(select, k, options: .init(timeout: .seconds(2)))
                XCTAssertEqual(try row.first?["v", as: Int32.self], k * 10)
            }
            XCTAssertEqual(server.connectionCount, 2, "the timeout should not have cost the connection (control + 1 pooled)")
        }
    }

    func testTheSessionTimeoutAppliesWhenTheStatementSetsNone() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedServerSession(configure: { $0.requestTimeout = .milliseconds(200) }) { session, server, _ in
            let select = try await prepareNumbers(session, count: 1)
            server.addFaultRule(FaultRule(.opcode(.execute), .delay(.seconds(3)), times: 1))
            let started = ContinuousClock.now
            do {
                _ = try await session.execute(select, Int32(0))
                XCTFail("a delayed request succeeded before the session timeout")
            } catch let error as CassandraError {
                XCTAssertEqual(error.code, .requestTimeout, String(reflecting: error))
            }
            XCTAssertLessThan(ContinuousClock.now - started, .seconds(2))
        }
    }

    /// Creates `numbers (k int PRIMARY KEY, v int)` with `v = 10 k` for `k < count` and
    /// prepares the lookup by key.
    private func prepareNumbers(_ session: Session, count: Int) async throws -> PreparedStatement {
        try await session.execute("CREATE TABLE numbers (k int PRIMARY KEY, v int)")
        try await session.waitForSchemaAgreement()
        let insert = try await session.prepare("INSERT INTO numbers (k, v) VALUES (?, ?)")
        for k in 0..<Int32(count) { try await session.execute(insert, k, k * 10) }
        return try await session.prepare("SELECT v FROM numbers WHERE k = ?")
    }
}
