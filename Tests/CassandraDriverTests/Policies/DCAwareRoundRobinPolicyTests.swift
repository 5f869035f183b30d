import XCTest
@testable import CassandraDriver

final class DCAwareRoundRobinPolicyTests: XCTestCase {
    /// dc1: h1 h2 h3; dc2: h11 h12; dc3: h21.
    private func cluster(down: Set<UInt8> = []) -> ClusterSnapshot {
        let layout: [(UInt8, String)] = [(1, "dc1"), (11, "dc2"), (2, "dc1"), (21, "dc3"), (12, "dc2"), (3, "dc1")]
        return ClusterSnapshot(nodes: layout.map { number, datacenter in
            Fixtures.node(number, datacenter: datacenter, state: down.contains(number) ? .down : .up)
        })
    }

    private func plans(_ policy: DCAwareRoundRobinPolicy, _ cluster: ClusterSnapshot, count: Int, request: RoutingInfo = RoutingInfo(consistency: .quorum)) -> [[UInt8]] {
        (0..<count).map { _ in Fixtures.numbers(policy.plan(for: request, in: cluster)) }
    }

    func testLocalNodesOnlyRotatingOnePerPlan() {
        let policy = DCAwareRoundRobinPolicy(localDatacenter: "dc1")
        XCTAssertEqual(plans(policy, cluster(), count: 4), [[1, 2, 3], [2, 3, 1], [3, 1, 2], [1, 2, 3]])
    }

    func testDownNodesAreSkipped() {
        let policy = DCAwareRoundRobinPolicy(localDatacenter: "dc1")
        XCTAssertEqual(plans(policy, cluster(down: [2]), count: 3), [[1, 3], [3, 1], [3, 1]])
    }

    func testRemoteNodesPerDatacenterAfterLocalOnes() {
        let policy = DCAwareRoundRobinPolicy(localDatacenter: "dc1", usedNodesPerRemoteDatacenter: 1)
        XCTAssertEqual(plans(policy, cluster(), count: 2), [[1, 2, 3, 11, 21], [2, 3, 1, 12, 21]])
    }

    func testRemoteLimitCountsOnlyUpNodes() {
        let policy = DCAwareRoundRobinPolicy(localDatacenter: "dc1", usedNodesPerRemoteDatacenter: 1)
        XCTAssertEqual(plans(policy, cluster(down: [11, 21]), count: 2), [[1, 2, 3, 12], [2, 3, 1, 12]])
    }

    func testLocalConsistencyStaysLocalUnlessAllowed() {
        let request = RoutingInfo(consistency: .localQuorum)
        let strict = DCAwareRoundRobinPolicy(localDatacenter: "dc1", usedNodesPerRemoteDatacenter: 2)
        XCTAssertEqual(plans(strict, cluster(), count: 1, request: request), [[1, 2, 3]])
        let relaxed = DCAwareRoundRobinPolicy(localDatacenter: "dc1", usedNodesPerRemoteDatacenter: 2, allowsRemoteDatacentersForLocalConsistency: true)
        XCTAssertEqual(plans(relaxed, cluster(), count: 1, request: request), [[1, 2, 3, 11, 12, 21]])
    }

    func testNodeWithoutDatacenterCountsAsLocal() {
        let snapshot = ClusterSnapshot(nodes: [Fixtures.node(1, datacenter: "dc1"), Fixtures.node(9, datacenter: nil), Fixtures.node(11, datacenter: "dc2")])
        let policy = DCAwareRoundRobinPolicy(localDatacenter: "dc1")
        XCTAssertEqual(plans(policy, snapshot, count: 2), [[1, 9], [9, 1]])
        XCTAssertEqual(policy.distance(to: Fixtures.node(9, datacenter: nil), in: snapshot), .local)
    }

    func testDistance() {
        let snapshot = cluster()
        let localOnly = DCAwareRoundRobinPolicy(localDatacenter: "dc1")
        XCTAssertEqual(localOnly.distance(to: Fixtures.node(1, datacenter: "dc1"), in: snapshot), .local)
        XCTAssertEqual(localOnly.distance(to: Fixtures.node(11, datacenter: "dc2"), in: snapshot), .ignored)
        let withRemote = DCAwareRoundRobinPolicy(localDatacenter: "dc1", usedNodesPerRemoteDatacenter: 1)
        XCTAssertEqual(withRemote.distance(to: Fixtures.node(11, datacenter: "dc2"), in: snapshot), .remote)
    }

    func testUnknownLocalDatacenterGivesEmptyPlan() {
        let policy = DCAwareRoundRobinPolicy(localDatacenter: "nowhere")
        XCTAssertEqual(plans(policy, cluster(), count: 1), [[]])
    }

    func testPlanIsRepeatable() {
        let plan = DCAwareRoundRobinPolicy(localDatacenter: "dc1", usedNodesPerRemoteDatacenter: 1).plan(for: RoutingInfo(), in: cluster())
        XCTAssertEqual(Fixtures.numbers(plan), Fixtures.numbers(plan))
    }

    func testConcurrentPlansAllRotate() async {
        let policy = DCAwareRoundRobinPolicy(localDatacenter: "dc1")
        let snapshot = cluster()
        let firsts = await withTaskGroup(of: UInt8.self) { group in
            for _ in 0..<300 {
                group.addTask { Fixtures.numbers(policy.plan(for: RoutingInfo(), in: snapshot))[0] }
            }
            var counts: [UInt8: Int] = [:]
            for await first in group { counts[first, default: 0] += 1 }
            return counts
        }
        XCTAssertEqual(firsts, [1: 100, 2: 100, 3: 100])
    }
}
