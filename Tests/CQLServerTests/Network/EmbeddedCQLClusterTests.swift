@testable import CQLServer
import XCTest

/// The cluster's token layout, which integration tests compute expected owners from.
final class EmbeddedCQLClusterTests: XCTestCase {
    func testTokensAreEvenlySpacedLikeCassandrasTokenGenerator() {
        XCTAssertEqual(EmbeddedCQLCluster.evenlySpacedTokens(1), [Int64.min])
        XCTAssertEqual(EmbeddedCQLCluster.evenlySpacedTokens(2), [Int64.min, 0])
        XCTAssertEqual(EmbeddedCQLCluster.evenlySpacedTokens(3),
                       [Int64.min, -3_074_457_345_618_258_603, 3_074_457_345_618_258_602])
        XCTAssertEqual(EmbeddedCQLCluster.evenlySpacedTokens(4), [Int64.min, -4_611_686_018_427_387_904, 0, 4_611_686_018_427_387_904])
    }

    func testNodesGetTokensInTurnAndOwnTheRangeEndingAtTheirToken() async throws {
        let cluster = try await EmbeddedCQLCluster.start(.init(nodeCount: 2, datacenters: ["dc1", "dc2"], tokensPerNode: 2))
        XCTAssertEqual(cluster.nodes.map(\.tokens), [[Int64.min, 0], [-4_611_686_018_427_387_904, 4_611_686_018_427_387_904]])
        XCTAssertEqual(cluster.nodes.map(\.datacenter), ["dc1", "dc2"])
        XCTAssertEqual(cluster.nodes.map(\.host), ["127.0.0.1", "127.0.0.2"])
        XCTAssertEqual(Set(cluster.nodes.map(\.port)).count, 1)
        XCTAssertEqual(cluster.nodeIndex(owning: Int64.min), 0)
        XCTAssertEqual(cluster.nodeIndex(owning: Int64.min + 1), 1)
        XCTAssertEqual(cluster.nodeIndex(owning: 0), 0)
        XCTAssertEqual(cluster.nodeIndex(owning: 1), 1)
        // Past the largest token, the range wraps around to the smallest.
        XCTAssertEqual(cluster.nodeIndex(owning: Int64.max), 0)
        try await cluster.shutdown()
    }
}
