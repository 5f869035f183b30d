#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

/// Connections lost while requests are pending: a connection the server closes mid-flight,
/// and a real server restart (stop listening, start again on the same port with the same
/// data). Pending requests fail fast with a typed error, the pool reconnects, and later
/// requests succeed. (`SessionFaultIntegrationTests` covers dropping every connection of the
/// shared server under load.)
final class ConnectionLossIntegrationTests: XCTestCase {
    func testAConnectionClosedMidFlightFailsEveryPendingRequestAtOnceThenReconnects() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedServerSession(configure: {
            $0.connectionsPerNode = 1
            $0.requestTimeout = .seconds(10)
            $0.reconnectionPolicy = ConstantReconnectionPolicy(delay: .milliseconds(20))
        }) { session, server, _ in
            try await session.execute("CREATE TABLE kv (k int PRIMARY KEY, v text)")
            try await session.waitForSchemaAgreement()
            let insert = try await session.prepare("INSERT INTO kv (k, v) VALUES (?, ?)")
            // The first 20 EXECUTEs hang on the server for 5 s; the 21st closes the connection.
            server.addFaultRule(FaultRule(.opcode(.execute), .delay(.seconds(5)), times: 20))
            server.addFaultRule(FaultRule(.opcode(.execute), .closeConnection, times: 1))
            let started = ContinuousClock.now
            let outcomes = try await withThrowingTaskGroup(of: (CassandraError?, Duration).self) { group in
                for k in 0..<21 {
                    group.addTask {
                        do {
                            try await session.execute(insert, Int32(k), "lost")
                            return (nil, ContinuousClock.now - started)
                        } catch let error as CassandraError {
                            return (error, ContinuousClock.now - started)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for (error, elapsed) in outcomes {
                XCTAssertEqual(error?.code, .connectionClosed, error.map { String(reflecting: $0) } ?? "succeeded")
                XCTAssertEqual(error?.node, server.contactPoint)
                XCTAssertLessThan(elapsed, .seconds(2), "a pending request waited instead of failing with its connection")
            }
            let recovered = await eventually { (try? await session.execute(insert, Int32(100), "after")) != nil }
            XCTAssertTrue(recovered, "the pool did not reconnect")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for k in 200..<400 {
                    group.addTask { try await session.execute(insert, Int32(k), "after") }
                }
                try await group.waitForAll()
            }
            let reconnected = await eventually { server.connectionCount == 2 }
            XCTAssertTrue(reconnected, "expected the control connection and 1 pooled connection, saw \(server.connectionCount)")
        }
    }

    func testAServerRestartUnderLoadFailsInFlightRequestsFastAndTheSessionRecovers() async throws {
        try await skipUnlessEmbeddedServer()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(uniqueKeyspaceName(prefix: "restart")).path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var server = try await EmbeddedCQLServer.start(.init(port: 0, dataDirectory: directory))
        let port = server.port
        var configuration = Session.Configuration(contactPoints: [server.contactPoint])
        configuration.reconnectionPolicy = ConstantReconnectionPolicy(delay: .milliseconds(20))
        configuration.requestTimeout = .seconds(10)
        let session = try await Session.connect(configuration: configuration)
        do {
            let keyspace = uniqueKeyspaceName()
            try await session.execute(
                "CREATE KEYSPACE \(keyspace) WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
            try await session.use(keyspace: keyspace)
            try await session.execute("CREATE TABLE kv (k int PRIMARY KEY, v text)")
            try await session.waitForSchemaAgreement()
            let insert = try await session.prepare("INSERT INTO kv (k, v) VALUES (?, ?)")

            let stopped = server
            let started = ContinuousClock.now
            let outcomes = try await withThrowingTaskGroup(of: (Int32, CassandraError?).self) { group in
                for k in Int32(0)..<1000 {
                    group.addTask {
                        do {
                            try await session.execute(insert, k, "value \(k)")
                            return (k, nil)
                        } catch let error as CassandraError {
                            return (k, error)
                        }
                    }
                    if k == 300 {
                        group.addTask {
                            try await stopped.shutdown()
                            return (-1, nil)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }.filter { $0.0 >= 0 }
            XCTAssertLessThan(ContinuousClock.now - started, .seconds(5), "requests waited for a timeout instead of failing fast")
            let failures = outcomes.compactMap(\.1)
            XCTAssertFalse(failures.isEmpty, "no request was in flight or queued when the server stopped")
            let allowed: Set<CassandraError.Code> = [.connectionClosed, .noNodeAvailable]
            for failure in failures {
                XCTAssertTrue(allowed.contains(failure.code), "unexpected \(String(reflecting: failure))")
            }

            server = try await EmbeddedCQLServer.start(.init(port: port, dataDirectory: directory))
            let recovered = await eventually(timeout: .seconds(10)) {
                (try? await session.execute(insert, Int32(-1), "after restart")) != nil
            }
            XCTAssertTrue(recovered, "the session did not reconnect to the restarted server")
            // Every write acknowledged before the restart is still there.
            let select = try await session.prepare("SELECT v FROM kv WHERE k = ?")
            for (k, error) in outcomes where error == nil {
                let row = try await session.execute(select, k)
                XCTAssertEqual(try row.first?["v", as: String.self], "value \(k)", "acknowledged write \(k) lost")
            }
            // The control connection is back too: schema changes reach the metadata again.
            let controlBack = await eventually(timeout: .seconds(10)) { (try? await session.waitForSchemaAgreement()) == true }
            XCTAssertTrue(controlBack, "the control connection did not reconnect to the restarted server")
            try await session.execute("CREATE TABLE after_restart (k int PRIMARY KEY)")
            let refreshed = await eventually { session.schema.keyspaces[keyspace]?.tables["after_restart"] != nil }
            XCTAssertTrue(refreshed, "schema events stopped after the restart")
        } catch {
            try? await session.close()
            try? await server.shutdown()
            throw error
        }
        try await session.close()
        try await server.shutdown()
    }
}
