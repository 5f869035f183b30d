import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

/// Token-aware routing over real sockets: a prepared request for a key goes to the node
/// owning the key's token (the only replica at RF 1), as the embedded cluster's ring defines
/// it; the request counts of the nodes show where each request went.
final class TokenAwareRoutingIntegrationTests: XCTestCase {
    func testPreparedRequestsGoToTheNodeOwningTheirToken() async throws {
        try await skipUnlessEmbeddedServer()
        try await withTestCluster(nodes: 3) { cluster, session in
            let table = try await KeyValueTable.create(in: session, cluster: cluster)
            var owners = Set<Int>()
            for key in Int32(0)..<60 {
                let owner = cluster.nodeIndex(owningIntKey: key)
                owners.insert(owner)
                cluster.resetRequestCounts()
                let row = try await session.execute(table.select, key)
                XCTAssertEqual(try row.first?["v", as: String.self], "v\(key)")
                var expected = [0, 0, 0]
                expected[owner] = 1
                XCTAssertEqual(cluster.requestCounts(.execute), expected, "key \(key) should go to node \(owner)")
            }
            XCTAssertEqual(owners, [0, 1, 2], "the keys should cover every node")
        }
    }

    func testWritesAndVnodesFollowTheRingToo() async throws {
        try await skipUnlessEmbeddedServer()
        try await withTestCluster(.init(nodeCount: 4, tokensPerNode: 8)) { cluster, session in
            let table = try await KeyValueTable.create(in: session, cluster: cluster)
            cluster.resetRequestCounts()
            var expected = [0, 0, 0, 0]
            for key in Int32(100)..<200 {
                expected[cluster.nodeIndex(owningIntKey: key)] += 1
                try await session.execute(table.insert, key, "w\(key)")
            }
            XCTAssertEqual(cluster.requestCounts(.execute), expected)
            XCTAssertFalse(expected.contains(0), "100 keys over 32 vnodes should reach every node: \(expected)")
            // Every node sees every write: the shared catalog makes replication trivially consistent.
            let row = try await session.execute(table.select, Int32(150))
            XCTAssertEqual(try row.first?["v", as: String.self], "w150")
        }
    }
}
