import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

/// Datacenter-aware round robin over real sockets: with two datacenters, requests that carry
/// no token spread over the local datacenter's nodes and never reach the remote one.
final class DCAwareRoutingIntegrationTests: XCTestCase {
    func testUnroutedRequestsSpreadOverLocalNodesOnly() async throws {
        try await skipUnlessEmbeddedServer()
        let observer = RecordingObserver()
        try await withTestCluster(nodes: 4, datacenters: ["dc1", "dc2"], configure: {
            $0.requestObservers = [observer]
        }) { cluster, session in
            XCTAssertEqual(cluster.nodes.map(\.datacenter), ["dc1", "dc2", "dc1", "dc2"])
            observer.reset()
            for _ in 0..<20 {
                try await session.execute("SELECT release_version FROM system.local")
            }
            var perNode = [0, 0, 0, 0]
            for attempt in observer.attempts {
                perNode[try XCTUnwrap(cluster.nodeIndex(ofAttemptOn: attempt.node))] += 1
                XCTAssertTrue(attempt.outcome.isSuccess)
            }
            // Consecutive plans start one local node further: an even split.
            XCTAssertEqual(perNode, [10, 0, 10, 0])
            // The remote datacenter's nodes are ignored: the driver never even connected.
            XCTAssertEqual(cluster.nodes[1].requestCount(.startup), 0)
            XCTAssertEqual(cluster.nodes[3].requestCount(.startup), 0)
        }
    }

    func testKeysOwnedByRemoteNodesStayInTheLocalDatacenter() async throws {
        try await skipUnlessEmbeddedServer()
        try await withTestCluster(nodes: 4, datacenters: ["dc1", "dc2"]) { cluster, session in
            let table = try await KeyValueTable.create(in: session, cluster: cluster)
            cluster.resetRequestCounts()
            for key in Int32(0)..<40 {
                let row = try await session.execute(table.select, key)
                XCTAssertEqual(try row.first?["v", as: String.self], "v\(key)")
            }
            let counts = cluster.requestCounts(.execute)
            XCTAssertEqual(counts[1] + counts[3], 0, "a remote replica was used: \(counts)")
            XCTAssertEqual(counts[0] + counts[2], 40)
        }
    }
}
