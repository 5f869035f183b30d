import CassandraDriver
import CQLServer
import CQLTesting
import UVLoop
import XCTest

/// Tasks that prefer ``Session/taskExecutor`` run on the connections' event-loop thread: their
/// requests are admitted there directly and their responses resume them there. The same
/// guarantees as on the global executor must hold: every caller gets its own answer, requests
/// beyond the stream ids wait their turn, cancellation and timeouts work.
final class LoopExecutorIntegrationTests: XCTestCase {
    func testTasksOnTheSessionExecutorRunOnTheLoopAndEachGetsItsOwnRow() async throws {
        try await withTestSession(configure: {
            $0.connectionsPerNode = 1
            // Fewer stream ids than tasks: most requests wait for a free id on the loop.
            $0.maxRequestsPerConnection = 8
        }) { session, keyspace in
            try await session.execute("CREATE TABLE \(keyspace).numbers (k int PRIMARY KEY, v int)")
            try await session.waitForSchemaAgreement()
            let insert = try await session.prepare("INSERT INTO \(keyspace).numbers (k, v) VALUES (?, ?)")
            let select = try await session.prepare("SELECT v FROM \(keyspace).numbers WHERE k = ?")
            let executor = session.taskExecutor
            let outcomes = try await withThrowingTaskGroup(of: (wrong: Int, offLoop: Int).self) { group in
                for k in 0..<Int32(200) {
                    group.addTask(executorPreference: executor) {
                        var offLoop = 0
                        try await session.execute(insert, k, k * 10)
                        if EventLoop.current == nil { offLoop += 1 }
                        let row = try await session.execute(select, k)
                        if EventLoop.current == nil { offLoop += 1 }
                        return (try row.first?["v", as: Int32.self] == k * 10 ? 0 : 1, offLoop)
                    }
                }
                return try await group.reduce(into: (wrong: 0, offLoop: 0)) {
                    $0.wrong += $1.wrong
                    $0.offLoop += $1.offLoop
                }
            }
            XCTAssertEqual(outcomes.wrong, 0, "a request received another request's response")
            XCTAssertEqual(outcomes.offLoop, 0, "a task preferring the session's executor resumed off the loop thread")
            let count = try await session.execute("SELECT count(*) FROM \(keyspace).numbers")
            XCTAssertEqual(try count.first?[0, as: Int64.self], 200)
        }
    }

    func testCancellingATaskOnTheLoopFailsItsRequestAtOnce() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedServerSession(configure: { $0.connectionsPerNode = 1 }) { session, server, _ in
            try await session.execute("CREATE TABLE numbers (k int PRIMARY KEY, v int)")
            try await session.waitForSchemaAgreement()
            let select = try await session.prepare("SELECT v FROM numbers WHERE k = ?")
            server.addFaultRule(FaultRule(.opcode(.execute), .delay(.seconds(3)), times: 1))
            let started = ContinuousClock.now
            let task = Task(executorPreference: session.taskExecutor) {
                try await session.execute(select, Int32(1))
            }
            try await Task.sleep(for: .milliseconds(100))
            task.cancel()
            do {
                _ = try await task.value
                XCTFail("a cancelled request succeeded")
            } catch let error as CassandraError {
                XCTAssertEqual(error.code, .cancelled, String(reflecting: error))
            }
            XCTAssertLessThan(ContinuousClock.now - started, .seconds(2), "cancellation waited for the response")
            // The connection still serves requests from the loop.
            let rows = try await Task(executorPreference: session.taskExecutor) {
                try await session.execute(select, Int32(1)).count
            }.value
            XCTAssertEqual(rows, 0)
        }
    }

    func testTimeoutsFireForRequestsIssuedOnTheLoop() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedServerSession(configure: { $0.connectionsPerNode = 1 }) { session, server, _ in
            try await session.execute("CREATE TABLE numbers (k int PRIMARY KEY, v int)")
            try await session.waitForSchemaAgreement()
            let select = try await session.prepare("SELECT v FROM numbers WHERE k = ?")
            server.addFaultRule(FaultRule(.opcode(.execute), .drop, times: 1))
            let started = ContinuousClock.now
            let outcome = await Task(executorPreference: session.taskExecutor) { () -> CassandraError? in
                do {
                    _ = try await session.execute(select, Int32(1), options: .init(timeout: .milliseconds(300)))
                    return nil
                } catch {
                    return error as? CassandraError
                }
            }.value
            XCTAssertEqual(outcome?.code, .requestTimeout, outcome.map { String(reflecting: $0) } ?? "succeeded")
            XCTAssertLessThan(ContinuousClock.now - started, .seconds(2))
        }
    }
}
