import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

/// "Retry on the next node" over a real cluster: a fault rule makes the node owning a key
/// answer with an error once, and the default retry policy moves the request to another node.
final class ClusterRetryIntegrationTests: XCTestCase {
    private static let overloaded = ServerError(code: .overloaded, message: "Too many in-flight requests (fault rule)")
    private static let unavailable = ServerError(
        message: "Cannot achieve consistency level QUORUM (fault rule)",
        details: .unavailable(consistency: .quorum, required: 3, alive: 1))

    func testAnOverloadedNodeSendsAnIdempotentRequestToTheNextNode() async throws {
        try await withRetrySession { cluster, session, table, observer in
            let key = cluster.keys(ownedBy: 1, count: 1)[0]
            cluster.nodes[1].addFaultRule(FaultRule(.opcode(.execute), .respond(Self.overloaded), times: 1))
            let row = try await session.execute(table.select, key, options: .init(isIdempotent: true))
            XCTAssertEqual(try row.first?["v", as: String.self], "v\(key)")
            let attempts = observer.attempts(of: table.select.cql)
            XCTAssertEqual(attempts.map(\.attempt), [1, 2])
            XCTAssertEqual(attempts.first.flatMap { cluster.nodeIndex(ofAttemptOn: $0.node) }, 1, "the owner is tried first")
            XCTAssertEqual(attempts.first?.outcome.error?.serverError?.code, .overloaded)
            XCTAssertNotEqual(attempts.last.flatMap { cluster.nodeIndex(ofAttemptOn: $0.node) }, 1)
            XCTAssertTrue(attempts.last?.outcome.isSuccess ?? false)
            XCTAssertEqual(cluster.requestCounts(.execute).reduce(0, +), 2)
        }
    }

    func testAnOverloadedNodeFailsANonIdempotentWriteWithoutRetrying() async throws {
        try await withRetrySession { cluster, session, table, observer in
            let key = cluster.keys(ownedBy: 2, count: 1)[0]
            cluster.nodes[2].addFaultRule(FaultRule(.opcode(.execute), .respond(Self.overloaded), times: 1))
            do {
                try await session.execute(table.insert, key, "changed")
                XCTFail("a non-idempotent write was retried after Overloaded")
            } catch let error as CassandraError {
                XCTAssertEqual(error.serverError, Self.overloaded, String(reflecting: error))
                XCTAssertEqual(error.node, cluster.contactPoints[2])
            }
            XCTAssertEqual(observer.attempts(of: table.insert.cql).count, 1)
            XCTAssertEqual(cluster.requestCounts(.execute), [0, 0, 1])
        }
    }

    func testUnavailableMovesEvenANonIdempotentWriteToAnotherCoordinator() async throws {
        try await withRetrySession { cluster, session, table, observer in
            let key = cluster.keys(ownedBy: 0, count: 1)[0]
            cluster.nodes[0].addFaultRule(FaultRule(.opcode(.execute), .respond(Self.unavailable), times: 1))
            try await session.execute(table.insert, key, "moved")
            let attempts = observer.attempts(of: table.insert.cql)
            XCTAssertEqual(attempts.map { cluster.nodeIndex(ofAttemptOn: $0.node) == 0 }, [true, false])
            XCTAssertEqual(attempts.first?.outcome.error?.serverError?.details,
                           .unavailable(consistency: .quorum, required: 3, alive: 1))
            let row = try await session.execute(table.select, key)
            XCTAssertEqual(try row.first?["v", as: String.self], "moved")
        }
    }

    /// A 3-node cluster with the `kv` table and a recording observer, reset before `body`.
    private func withRetrySession(
        _ body: (EmbeddedCQLCluster, Session, KeyValueTable, RecordingObserver) async throws -> Void
    ) async throws {
        try await skipUnlessEmbeddedServer()
        let observer = RecordingObserver()
        try await withTestCluster(nodes: 3, configure: { $0.requestObservers = [observer] }) { cluster, session in
            let table = try await KeyValueTable.create(in: session, cluster: cluster)
            observer.reset()
            cluster.resetRequestCounts()
            try await body(cluster, session, table, observer)
        }
    }
}
