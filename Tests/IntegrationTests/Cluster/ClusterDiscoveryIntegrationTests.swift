import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

/// The driver learns the whole cluster from one contact point: `system.local` and
/// `system.peers_v2` of the embedded cluster, read over real sockets.
final class ClusterDiscoveryIntegrationTests: XCTestCase {
    func testTheDriverDiscoversEveryNodeWithItsPlacementTokensAndHostID() async throws {
        try await skipUnlessEmbeddedServer()
        let configuration = EmbeddedCQLCluster.Configuration(nodeCount: 4, datacenters: ["dc1", "dc2"], racksPerDatacenter: 2,
                                                              tokensPerNode: 3)
        try await withTestCluster(configuration) { cluster, session in
            let nodes = session.cluster.nodes
            XCTAssertEqual(nodes.count, 4)
            XCTAssertEqual(Set(nodes.map(\.id)), Set(cluster.nodes.map(\.hostID)))
            for server in cluster.nodes {
                let node = try XCTUnwrap(nodes.first { $0.id == server.hostID })
                XCTAssertEqual(node.endpoint.description, "\(server.host):\(server.port)")
                XCTAssertEqual(node.datacenter, server.datacenter)
                XCTAssertEqual(node.rack, server.rack)
                XCTAssertEqual(node.tokens, server.tokens.sorted())
                XCTAssertEqual(node.tokens.count, 3)
                XCTAssertEqual(node.releaseVersion, "5.0.2")
            }
            XCTAssertEqual(cluster.nodes.map(\.datacenter), ["dc1", "dc2", "dc1", "dc2"])
            XCTAssertEqual(cluster.nodes.map(\.rack), ["rack1", "rack1", "rack2", "rack2"])
            // The driver's ring places every token where the server does.
            var random = SplitMix64(seed: 7)
            for _ in 0..<200 {
                let token = Int64(bitPattern: random.next())
                XCTAssertEqual(session.cluster.tokenRing.owner(of: token), cluster.nodes[cluster.nodeIndex(owning: token)].hostID)
            }
        }
    }

    func testEachNodeDescribesItselfInSystemLocalAndTheOthersInPeers() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedCluster(.init(nodeCount: 3, datacenters: ["dc1", "dc2", "dc3"])) { cluster in
            for server in cluster.nodes {
                // A session pinned to one node, so every query reads that node's tables.
                var configuration = Session.Configuration(contactPoints: [cluster.contactPoints[0]])
                configuration.loadBalancingPolicy = PinnedPolicy(hostID: server.hostID)
                let session = try await Session.connect(configuration: configuration)
                do {
                    let localRows = try await session.execute(
                        "SELECT host_id, data_center, rack, tokens, rpc_address, rpc_port, broadcast_address FROM system.local")
                    let local = try XCTUnwrap(localRows.first)
                    XCTAssertEqual(try local["host_id", as: UUID.self], server.hostID)
                    XCTAssertEqual(try local["data_center", as: String.self], server.datacenter)
                    XCTAssertEqual(try local["rack", as: String.self], server.rack)
                    XCTAssertEqual(try local["tokens", as: Set<String>.self], Set(server.tokens.map(String.init)))
                    XCTAssertEqual(try local["rpc_address", as: CQLInetAddress.self], CQLInetAddress(server.host))
                    XCTAssertEqual(try local["broadcast_address", as: CQLInetAddress.self], CQLInetAddress(server.host))
                    XCTAssertEqual(try local["rpc_port", as: Int32.self], Int32(server.port))

                    let others = cluster.nodes.filter { $0 !== server }
                    let peersV2 = try await session.execute(
                        "SELECT peer, peer_port, native_address, native_port, host_id, data_center, rack, tokens, schema_version FROM system.peers_v2")
                    XCTAssertEqual(Set(try peersV2.map { try $0["host_id", as: UUID.self] }), Set(others.map(\.hostID)))
                    for row in peersV2 {
                        let peer = try XCTUnwrap(others.first { $0.hostID == (try? row["host_id", as: UUID.self]) })
                        XCTAssertEqual(try row["peer", as: CQLInetAddress.self], CQLInetAddress(peer.host))
                        XCTAssertEqual(try row["peer_port", as: Int32.self], 7000)
                        XCTAssertEqual(try row["native_address", as: CQLInetAddress.self], CQLInetAddress(peer.host))
                        XCTAssertEqual(try row["native_port", as: Int32.self], Int32(peer.port))
                        XCTAssertEqual(try row["data_center", as: String.self], peer.datacenter)
                        XCTAssertEqual(try row["rack", as: String.self], peer.rack)
                        XCTAssertEqual(try row["tokens", as: Set<String>.self], Set(peer.tokens.map(String.init)))
                    }
                    let peers = try await session.execute("SELECT peer, rpc_address, host_id, schema_version FROM system.peers")
                    XCTAssertEqual(Set(try peers.map { try $0["rpc_address", as: CQLInetAddress.self] }),
                                   Set(others.map { CQLInetAddress($0.host) }))
                    // One shared catalog: every node reports the same schema version.
                    let versions = try peers.map { try $0["schema_version", as: UUID.self] }
                    XCTAssertEqual(Set(versions).count, 1)
                    let agreed = try await session.waitForSchemaAgreement()
                    XCTAssertTrue(agreed)
                } catch {
                    try? await session.close()
                    throw error
                }
                try await session.close()
            }
        }
    }

    func testASingleServerReportsTheEphemeralPortItBoundAndNoPeers() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedServerSession { session, server, _ in
            let local = try await session.execute("SELECT rpc_port, host_id FROM system.local")
            XCTAssertEqual(try local.first?["rpc_port", as: Int32.self], Int32(server.port))
            XCTAssertEqual(try local.first?["host_id", as: UUID.self], server.hostID)
            let peers = try await session.execute("SELECT peer FROM system.peers_v2")
            XCTAssertTrue(peers.isEmpty)
        }
    }
}

/// Sends every request to one node (for reading that node's system tables).
struct PinnedPolicy: LoadBalancingPolicy {
    let hostID: UUID

    func plan(for request: RoutingInfo, in cluster: ClusterSnapshot) -> QueryPlan {
        QueryPlan(cluster.nodes.filter { $0.id == hostID })
    }

    func distance(to node: Node, in cluster: ClusterSnapshot) -> NodeDistance {
        node.id == hostID ? .local : .ignored
    }
}
