import CassandraDriver
import CQLProtocol
import CQLTesting
import Foundation
import XCTest

/// Failures the embedded server injects: forgotten prepared statements and dropped
/// connections. Skipped against an external cluster.
final class SessionFaultIntegrationTests: XCTestCase {
    func testStatementsAreRepreparedAfterTheServerForgetsThem() async throws {
        guard let server = try await embeddedServer else { throw XCTSkip("needs the embedded server") }
        try await withTestKeyspaceSession { session, _ in
            try await session.execute("CREATE TABLE kv (k int PRIMARY KEY, v text)")
            try await session.waitForSchemaAgreement()
            let insert = try await session.prepare("INSERT INTO kv (k, v) VALUES (?, ?)")
            try await session.execute(insert, Int32(1), "one")
            server.forgetPreparedStatements()
            try await session.execute(insert, Int32(2), "two")
            let select = try await session.prepare("SELECT v FROM kv WHERE k = ?")
            server.forgetPreparedStatements()
            let result = try await session.execute(select, Int32(2))
            XCTAssertEqual(try result.first?["v", as: String.self], "two")
        }
    }

    func testDroppedConnectionsFailInFlightRequestsFastAndTheSessionRecovers() async throws {
        guard let server = try await embeddedServer else { throw XCTSkip("needs the embedded server") }
        try await withTestKeyspaceSession(configure: {
            $0.reconnectionPolicy = ConstantReconnectionPolicy(delay: .milliseconds(20))
        }) { session, _ in
            try await session.execute("CREATE TABLE load (k int PRIMARY KEY, v text)")
            try await session.waitForSchemaAgreement()
            let insert = try await session.prepare("INSERT INTO load (k, v) VALUES (?, ?)")
            let started = ContinuousClock.now
            let outcomes = try await withThrowingTaskGroup(of: CassandraError?.self) { group in
                for k in 0..<2000 {
                    group.addTask {
                        do {
                            try await session.execute(insert, Int32(k), "v")
                            return nil
                        } catch let error as CassandraError {
                            return error
                        }
                    }
                    if k == 500 { server.dropAllConnections() }
                }
                var outcomes: [CassandraError?] = []
                for try await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            let elapsed = ContinuousClock.now - started
            XCTAssertLessThan(elapsed, .seconds(10), "requests waited for a timeout instead of failing fast")
            let failures = outcomes.compactMap { $0 }
            XCTAssertFalse(failures.isEmpty, "no request was in flight when the connections dropped")
            let allowed: Set<CassandraError.Code> = [.connectionClosed, .noNodeAvailable]
            for failure in failures {
                XCTAssertTrue(allowed.contains(failure.code), "unexpected \(String(reflecting: failure))")
            }
            let deadline = ContinuousClock.now + .seconds(10)
            var recovered = false
            while ContinuousClock.now < deadline {
                if (try? await session.execute(insert, Int32(-1), "after")) != nil {
                    recovered = true
                    break
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            XCTAssertTrue(recovered, "the session did not recover after the server dropped its connections")
            let row = try await session.execute("SELECT v FROM load WHERE k = ?", Int32(-1))
            XCTAssertEqual(try row.first?["v", as: String.self], "after")
        }
    }
}
