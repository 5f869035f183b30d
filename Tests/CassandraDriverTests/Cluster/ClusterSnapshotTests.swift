import XCTest
@testable import CassandraDriver

final class ClusterSnapshotTests: XCTestCase {
    private func randomNodes(seed: UInt64) -> [CassandraDriver.Node] {
        var random = SplitMix64(seed: seed)
        return (1...12).map { number in
            Fixtures.node(
                UInt8(number),
                datacenter: number <= 7 ? "dc1" : "dc2",
                rack: "r\(random.next() % 3)",
                tokens: (0..<8).map { _ in Int64(bitPattern: random.next()) }
            )
        }
    }

    func testCachedReplicasMatchRingWalkForEveryRange() {
        let nodes = randomNodes(seed: 42)
        let strategies: [String: ReplicationStrategy] = [
            "simple": .simple(replicationFactor: 3),
            "nts": .networkTopology(replicationFactors: ["dc1": 3, "dc2": 2]),
            "nts_same": .networkTopology(replicationFactors: ["dc1": 3, "dc2": 2]),
            "everywhere": .everywhere,
        ]
        let snapshot = ClusterSnapshot(nodes: nodes, keyspaces: strategies)
        for (keyspace, strategy) in strategies {
            for token in snapshot.tokenRing.tokens {
                for probe in [token, token &- 1] {
                    XCTAssertEqual(
                        snapshot.replicas(keyspace: keyspace, token: probe).map(\.id),
                        snapshot.tokenRing.replicas(for: probe, strategy: strategy),
                        "\(keyspace) at \(probe)"
                    )
                }
            }
        }
        XCTAssertEqual(snapshot.replicas(keyspace: "nts", token: 0).count, 5)
    }

    func testUnknownKeyspaceAndLocalStrategyHaveNoReplicas() {
        let snapshot = ClusterSnapshot(nodes: randomNodes(seed: 1), keyspaces: ["system": .local])
        XCTAssertEqual(snapshot.replicas(keyspace: "system", token: 0), [])
        XCTAssertEqual(snapshot.replicas(keyspace: "missing", token: 0), [])
    }

    func testLookupsAndDatacenters() {
        let snapshot = ClusterSnapshot(nodes: [
            Fixtures.node(1, datacenter: "b"),
            Fixtures.node(2, datacenter: "a"),
            Fixtures.node(3, datacenter: nil),
            Fixtures.node(4, datacenter: "a"),
        ])
        XCTAssertEqual(snapshot.datacenters, ["a", "b"])
        XCTAssertEqual(Fixtures.numbers(snapshot.nodes(inDatacenter: "a")), [2, 4])
        XCTAssertEqual(Fixtures.numbers(snapshot.nodes(inDatacenter: nil)), [3])
        XCTAssertEqual(snapshot.node(id: Fixtures.id(4))?.datacenter, "a")
        XCTAssertNil(snapshot.node(id: Fixtures.id(9)))
    }

    func testUpdatingStateChangesNodeEverywhereAndKeepsReplicas() {
        let snapshot = ClusterSnapshot(nodes: randomNodes(seed: 7), keyspaces: ["ks": .simple(replicationFactor: 2)])
        let token = snapshot.tokenRing.tokens[3]
        let primary = snapshot.replicas(keyspace: "ks", token: token)[0]
        let updated = snapshot.updatingState(of: primary.id, to: .down)
        XCTAssertEqual(updated.node(id: primary.id)?.state, .down)
        XCTAssertEqual(updated.nodes(inDatacenter: primary.datacenter).first { $0.id == primary.id }?.state, .down)
        XCTAssertEqual(updated.replicas(keyspace: "ks", token: token)[0].state, .down)
        XCTAssertEqual(updated.replicas(keyspace: "ks", token: token).map(\.id), snapshot.replicas(keyspace: "ks", token: token).map(\.id))
        XCTAssertEqual(snapshot.node(id: primary.id)?.state, .up, "the original snapshot is unchanged")
        XCTAssertEqual(updated.updatingState(of: Fixtures.id(200), to: .down).nodes, updated.nodes)
    }
}
