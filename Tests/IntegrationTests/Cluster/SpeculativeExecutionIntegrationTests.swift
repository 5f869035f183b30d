import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

/// Speculative execution over a real cluster: the node owning a key is slowed down by a
/// `.delay` fault rule; an idempotent request is answered by another node after the
/// speculative delay, a non-idempotent one waits for the slow node.
final class SpeculativeExecutionIntegrationTests: XCTestCase {
    func testAnIdempotentRequestIsAnsweredByAnotherNodeWhileTheOwnerIsSlow() async throws {
        try await withSlowOwner { cluster, session, table, observer, key in
            let start = ContinuousClock.now
            let row = try await session.execute(table.select, key, options: .init(isIdempotent: true))
            let elapsed = ContinuousClock.now - start
            XCTAssertEqual(try row.first?["v", as: String.self], "v\(key)")
            XCTAssertLessThan(elapsed, .milliseconds(900), "the speculative execution should answer long before the slow node")
            let successes = observer.attempts(of: table.select.cql).filter(\.outcome.isSuccess)
            XCTAssertEqual(successes.count, 1)
            XCTAssertNotEqual(successes.first.flatMap { cluster.nodeIndex(ofAttemptOn: $0.node) }, 1)
            XCTAssertEqual(cluster.nodes[1].requestCount(.execute), 1, "the owner received the first execution")
        }
    }

    func testANonIdempotentRequestWaitsForTheSlowOwner() async throws {
        try await withSlowOwner { cluster, session, table, observer, key in
            let start = ContinuousClock.now
            let row = try await session.execute(table.select, key)
            let elapsed = ContinuousClock.now - start
            XCTAssertEqual(try row.first?["v", as: String.self], "v\(key)")
            XCTAssertGreaterThanOrEqual(elapsed, .seconds(1))
            let attempts = observer.attempts(of: table.select.cql)
            XCTAssertEqual(attempts.count, 1)
            XCTAssertEqual(attempts.first.flatMap { cluster.nodeIndex(ofAttemptOn: $0.node) }, 1)
            XCTAssertEqual(cluster.requestCounts(.execute), [0, 1, 0])
        }
    }

    /// A 3-node cluster whose node 1 delays every EXECUTE by a second, a session speculating
    /// after 100 ms, and a key node 1 owns.
    private func withSlowOwner(
        _ body: (EmbeddedCQLCluster, Session, KeyValueTable, RecordingObserver, Int32) async throws -> Void
    ) async throws {
        try await skipUnlessEmbeddedServer()
        let observer = RecordingObserver()
        try await withTestCluster(nodes: 3, configure: {
            $0.requestObservers = [observer]
            $0.speculativeExecutionPolicy = ConstantSpeculativeExecution(delay: .milliseconds(100), maxExecutions: 2)
        }) { cluster, session in
            let table = try await KeyValueTable.create(in: session, cluster: cluster)
            observer.reset()
            cluster.resetRequestCounts()
            cluster.nodes[1].addFaultRule(FaultRule(.opcode(.execute), .delay(.seconds(1))))
            try await body(cluster, session, table, observer, cluster.keys(ownedBy: 1, count: 1)[0])
            cluster.nodes[1].clearFaultRules()
        }
    }
}
