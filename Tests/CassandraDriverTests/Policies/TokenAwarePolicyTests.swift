import XCTest
@testable import CassandraDriver

final class TokenAwarePolicyTests: XCTestCase {
    /// A child that lists up nodes in snapshot order, so token-aware plans are predictable.
    private struct OrderedPolicy: LoadBalancingPolicy {
        func plan(for request: RoutingInfo, in cluster: ClusterSnapshot) -> QueryPlan {
            QueryPlan(cluster.nodes.filter(\.isUp))
        }

        func distance(to node: CassandraDriver.Node, in cluster: ClusterSnapshot) -> NodeDistance {
            node.datacenter == "dc1" ? .local : .remote
        }
    }

    /// Ring: 0 h1, 10 h11, 20 h2, 30 h3, 40 h12, 50 h4; dc1 = h1..h4, dc2 = h11, h12.
    private func cluster(down: Set<UInt8> = []) -> ClusterSnapshot {
        let layout: [(UInt8, String, Int64)] = [(1, "dc1", 0), (2, "dc1", 20), (3, "dc1", 30), (4, "dc1", 50), (11, "dc2", 10), (12, "dc2", 40)]
        return ClusterSnapshot(
            nodes: layout.map { number, datacenter, token in
                Fixtures.node(number, datacenter: datacenter, rack: "r\(number)", tokens: [token], state: down.contains(number) ? .down : .up)
            },
            keyspaces: ["ks": .networkTopology(replicationFactors: ["dc1": 2, "dc2": 1]), "simple": .simple(replicationFactor: 3)]
        )
    }

    private func plan(_ policy: TokenAwarePolicy, _ cluster: ClusterSnapshot, keyspace: String? = "ks", token: Int64? = 15) -> [UInt8] {
        Fixtures.numbers(policy.plan(for: RoutingInfo(keyspace: keyspace, token: token, consistency: .quorum), in: cluster))
    }

    func testLocalReplicasFirstRotatedThenChildWithoutDuplicates() {
        // Token 15 → h2's range; NTS replicas: h2, h3 (dc1), h12 (dc2).
        let policy = TokenAwarePolicy(child: OrderedPolicy())
        let snapshot = cluster()
        XCTAssertEqual(Fixtures.numbers(snapshot.replicas(keyspace: "ks", token: 15)), [2, 3, 12])
        XCTAssertEqual(plan(policy, snapshot), [2, 3, 1, 4, 11, 12])
        XCTAssertEqual(plan(policy, snapshot), [3, 2, 1, 4, 11, 12])
        XCTAssertEqual(plan(policy, snapshot), [2, 3, 1, 4, 11, 12])
    }

    func testRemoteReplicasAreNotPromoted() {
        // SimpleStrategy rf 3 from token 5 (h11's range): h11 (dc2), h2, h3.
        let policy = TokenAwarePolicy(child: OrderedPolicy())
        XCTAssertEqual(plan(policy, cluster(), keyspace: "simple", token: 5), [2, 3, 1, 4, 11, 12])
    }

    func testDownReplicasAreSkipped() {
        let policy = TokenAwarePolicy(child: OrderedPolicy())
        XCTAssertEqual(plan(policy, cluster(down: [2])), [3, 1, 4, 11, 12])
        XCTAssertEqual(plan(policy, cluster(down: [2, 3])), [1, 4, 11, 12])
    }

    func testWithoutRoutingKeyOrReplicasTheChildPlanIsUsed() {
        let policy = TokenAwarePolicy(child: OrderedPolicy())
        let childOrder: [UInt8] = [1, 2, 3, 4, 11, 12]
        XCTAssertEqual(plan(policy, cluster(), token: nil), childOrder)
        XCTAssertEqual(plan(policy, cluster(), keyspace: nil), childOrder)
        XCTAssertEqual(plan(policy, cluster(), keyspace: "unknown"), childOrder)
    }

    func testWrappingDCAwarePolicyHasNoDuplicatesAndEveryNode() {
        let policy = TokenAwarePolicy(child: DCAwareRoundRobinPolicy(localDatacenter: "dc1", usedNodesPerRemoteDatacenter: 2))
        let snapshot = cluster()
        for _ in 0..<6 {
            let nodes = plan(policy, snapshot)
            XCTAssertEqual(Set(nodes[..<2]), [2, 3])
            XCTAssertEqual(nodes.count, 6)
            XCTAssertEqual(Set(nodes), [1, 2, 3, 4, 11, 12])
            XCTAssertEqual(Set(nodes[4...]), [11, 12])
        }
        XCTAssertEqual(policy.distance(to: Fixtures.node(11, datacenter: "dc2"), in: snapshot), .remote)
    }
}
