import XCTest
@testable import CassandraDriver

final class TokenRingTests: XCTestCase {
    /// Ring: -100 h1, 0 h1, 100 h2, 200 h3, 300 h3, 400 h4 (h1 and h3 own two vnodes each).
    private let simpleRing = TokenRing(nodes: [
        Fixtures.node(1, tokens: [0, -100]),
        Fixtures.node(2, tokens: [100]),
        Fixtures.node(3, tokens: [300, 200]),
        Fixtures.node(4, tokens: [400]),
        Fixtures.node(5, tokens: []),
    ])

    private func simple(_ token: Int64, rf: Int) -> [UInt8] {
        Fixtures.numbers(simpleRing.replicas(for: token, strategy: .simple(replicationFactor: rf)))
    }

    func testTokensAreSortedAndOwnership() {
        XCTAssertEqual(simpleRing.tokens, [-100, 0, 100, 200, 300, 400])
        XCTAssertEqual(simpleRing.owner(of: -100), Fixtures.id(1))
        XCTAssertEqual(simpleRing.owner(of: 1), Fixtures.id(2))
        XCTAssertEqual(simpleRing.owner(of: 100), Fixtures.id(2))
        XCTAssertEqual(simpleRing.owner(of: 101), Fixtures.id(3))
        XCTAssertEqual(simpleRing.owner(of: 401), Fixtures.id(1), "past the last token wraps to the first")
        XCTAssertEqual(simpleRing.owner(of: .min), Fixtures.id(1))
        XCTAssertEqual(simpleRing.owner(of: .max), Fixtures.id(1))
    }

    func testSimpleStrategyRF1IsTheOwner() {
        XCTAssertEqual(simple(-150, rf: 1), [1])
        XCTAssertEqual(simple(50, rf: 1), [2])
        XCTAssertEqual(simple(250, rf: 1), [3])
        XCTAssertEqual(simple(400, rf: 1), [4])
    }

    func testSimpleStrategyRF2SkipsSecondVnodeOfSameNode() {
        // From -100 (h1): the next token 0 is h1 again, so the second replica is h2.
        XCTAssertEqual(simple(-150, rf: 2), [1, 2])
        XCTAssertEqual(simple(400, rf: 2), [4, 1])
        XCTAssertEqual(simple(401, rf: 2), [1, 2])
    }

    func testSimpleStrategyRF3WalksAndWraps() {
        XCTAssertEqual(simple(50, rf: 3), [2, 3, 4])
        XCTAssertEqual(simple(250, rf: 3), [3, 4, 1])
        XCTAssertEqual(simple(150, rf: 3), [3, 4, 1])
    }

    func testReplicationFactorAboveMemberCountYieldsEveryMemberOnce() {
        // h5 owns no token and is never a replica.
        XCTAssertEqual(simple(0, rf: 10), [1, 2, 3, 4])
    }

    func testEverywhereLocalAndUnknown() {
        XCTAssertEqual(Fixtures.numbers(simpleRing.replicas(for: 250, strategy: .everywhere)), [3, 1, 2, 4])
        XCTAssertEqual(simpleRing.replicas(for: 250, strategy: .local), [])
        XCTAssertEqual(simpleRing.replicas(for: 250, strategy: .other(className: "X", options: [:])), [])
    }

    func testEmptyRing() {
        let ring = TokenRing(nodes: [Fixtures.node(1)])
        XCTAssertTrue(ring.isEmpty)
        XCTAssertNil(ring.owner(of: 0))
        XCTAssertEqual(ring.replicas(for: 0, strategy: .simple(replicationFactor: 3)), [])
    }

    func testDuplicateTokenKeepsFirstNode() {
        let ring = TokenRing(nodes: [Fixtures.node(1, tokens: [10]), Fixtures.node(2, tokens: [10, 20])])
        XCTAssertEqual(ring.tokens, [10, 20])
        XCTAssertEqual(ring.owner(of: 5), Fixtures.id(1))
    }

    // MARK: NetworkTopologyStrategy

    /// Two datacenters, one token per node:
    ///
    ///     token  0   10   20   30   40   50   60
    ///     node   1   11   2    3    12   4    13
    ///     dc     1   2    1    1    2    1    2
    ///     rack   r1  r1   r1   r2   r1   r3   r2
    ///
    /// dc1 has 4 nodes on 3 racks, dc2 has 3 nodes on 2 racks.
    private let twoDatacenterRing = TokenRing(nodes: [
        Fixtures.node(1, datacenter: "dc1", rack: "r1", tokens: [0]),
        Fixtures.node(2, datacenter: "dc1", rack: "r1", tokens: [20]),
        Fixtures.node(3, datacenter: "dc1", rack: "r2", tokens: [30]),
        Fixtures.node(4, datacenter: "dc1", rack: "r3", tokens: [50]),
        Fixtures.node(11, datacenter: "dc2", rack: "r1", tokens: [10]),
        Fixtures.node(12, datacenter: "dc2", rack: "r1", tokens: [40]),
        Fixtures.node(13, datacenter: "dc2", rack: "r2", tokens: [60]),
        Fixtures.node(20, datacenter: nil, rack: nil, tokens: [70]),
    ])

    private func nts(_ token: Int64, _ factors: [String: Int]) -> [UInt8] {
        Fixtures.numbers(twoDatacenterRing.replicas(for: token, strategy: .networkTopology(replicationFactors: factors)))
    }

    func testNTSPrefersDistinctRacksWhenEnoughRacks() {
        // dc1 rf 3 over 3 racks allows no rack repeat: from token 0, h1 (r1) is taken,
        // h2 (r1 again) skipped, h3 (r2) and h4 (r3) complete dc1.
        // dc2 rf 2 over 2 racks: h11 (r1), h12 skipped (r1 again), h13 (r2).
        XCTAssertEqual(nts(0, ["dc1": 3, "dc2": 2]), [1, 11, 3, 4, 13])
        // From token 20 (h2): h2 r1, h3 r2, h12 dc2 r1, h4 r3 completes dc1, h13 dc2 r2.
        XCTAssertEqual(nts(15, ["dc1": 3, "dc2": 2]), [2, 3, 12, 4, 13])
    }

    func testNTSFillsWithRackRepeatsWhenFewerRacksThanRF() {
        // dc2 rf 3 over 2 racks allows one repeat. From token 0: h11 (r1), h12 (r1,
        // repeat allowed), h13 (r2).
        XCTAssertEqual(nts(0, ["dc2": 3]), [11, 12, 13])
        // From token 40 (h12): h12 (r1), h13 (r2), wrap, h11 (r1, the allowed repeat).
        XCTAssertEqual(nts(40, ["dc2": 3]), [12, 13, 11])
    }

    func testNTSSkipsRackRepeatOnceRepeatsAreSpent() {
        // One dc, 5 nodes on 2 racks, rf 3: one repeat allowed.
        let ring = TokenRing(nodes: [
            Fixtures.node(1, rack: "r1", tokens: [0]),
            Fixtures.node(2, rack: "r1", tokens: [10]),
            Fixtures.node(3, rack: "r1", tokens: [20]),
            Fixtures.node(4, rack: "r2", tokens: [30]),
            Fixtures.node(5, rack: "r2", tokens: [40]),
        ])
        let strategy = ReplicationStrategy.networkTopology(replicationFactors: ["dc1": 3])
        // h1 r1, h2 r1 (the repeat), h3 skipped (no repeats left), h4 r2.
        XCTAssertEqual(Fixtures.numbers(ring.replicas(for: 0, strategy: strategy)), [1, 2, 4])
        // h4 r2, h5 r2 (the repeat), wrap, h1 r1.
        XCTAssertEqual(Fixtures.numbers(ring.replicas(for: 25, strategy: strategy)), [4, 5, 1])
    }

    func testNTSRFAboveNodeCountTakesEveryNodeOfTheDatacenter() {
        XCTAssertEqual(nts(0, ["dc2": 5]), [11, 12, 13])
    }

    func testNTSIgnoresUnknownDatacentersZeroRFAndNodesWithoutDatacenter() {
        XCTAssertEqual(nts(0, ["dc1": 0, "dc9": 3, "dc2": 1]), [11])
        XCTAssertEqual(nts(65, ["dc1": 1]), [1], "h20 has no datacenter; the walk wraps to h1")
    }

    func testNTSWithVnodesNeverRepeatsANode() {
        // One dc on one rack, rf 2: the second vnode of h1 must not count twice.
        let ring = TokenRing(nodes: [
            Fixtures.node(1, tokens: [0, 10]),
            Fixtures.node(2, tokens: [20]),
        ])
        let strategy = ReplicationStrategy.networkTopology(replicationFactors: ["dc1": 2])
        XCTAssertEqual(Fixtures.numbers(ring.replicas(for: 0, strategy: strategy)), [1, 2])
    }
}
