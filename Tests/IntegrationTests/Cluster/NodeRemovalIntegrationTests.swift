import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

/// A node leaving the cluster (`nodetool decommission`) over real sockets: the driver drops it
/// from its view and drains its pool, so requests already sent to it complete instead of
/// failing with a closed connection, and its connections close once they have.
final class NodeRemovalIntegrationTests: XCTestCase {
    func testARequestInFlightToANodeThatLeavesCompletesAndItsConnectionsCloseAfterwards() async throws {
        try await skipUnlessEmbeddedServer()
        try await withTestCluster(nodes: 3) { cluster, session in
            let table = try await KeyValueTable.create(in: session, cluster: cluster)
            let leaving = cluster.nodes[2]
            let key = cluster.keys(ownedBy: 2, count: 1)[0]
            let executesBefore = leaving.requestCount(.execute)
            leaving.addFaultRule(FaultRule(.opcode(.execute), .delay(.milliseconds(1_500)), times: 1))
            // Not idempotent: had its connection been closed, the error would surface rather
            // than be retried on another node.
            let slowWrite = Task { try await session.execute(table.insert, key, "written-while-leaving") }
            let sent = await eventually { leaving.requestCount(.execute) > executesBefore }
            XCTAssertTrue(sent, "the write did not reach the leaving node")

            cluster.decommissionNode(2)
            let dropped = await eventually { session.cluster.node(id: leaving.hostID) == nil }
            XCTAssertTrue(dropped, "the driver kept the removed node in its view")
            XCTAssertGreaterThan(leaving.connectionCount, 0, "the pool was closed before its request finished")

            _ = try await slowWrite.value
            let closed = await eventually { leaving.connectionCount == 0 }
            XCTAssertTrue(closed, "the driver kept connections to the removed node after draining them")
            let row = try await session.execute(table.select, key)
            XCTAssertEqual(try row.first?["v", as: String.self], "written-while-leaving")
            XCTAssertEqual(leaving.requestCount(.execute), executesBefore + 1, "a request went to the removed node")
        }
    }
}
