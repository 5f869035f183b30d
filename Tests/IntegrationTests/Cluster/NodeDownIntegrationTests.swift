import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

/// A node going down and coming back over real sockets: the driver marks it down (its
/// connections close and the other nodes send STATUS_CHANGE DOWN), routes around it, and
/// uses it again once it is back.
final class NodeDownIntegrationTests: XCTestCase {
    func testRequestsAvoidAStoppedNodeAndReachItAgainAfterItsRestart() async throws {
        try await skipUnlessEmbeddedServer()
        let observer = RecordingObserver()
        try await withTestCluster(nodes: 3, configure: { $0.requestObservers = [observer] }) { cluster, session in
            let table = try await KeyValueTable.create(in: session, cluster: cluster)
            let stopped = cluster.nodes[2]
            await cluster.stopNode(2)
            XCTAssertFalse(stopped.isRunning)
            let markedDown = await eventually { session.cluster.node(id: stopped.hostID)?.isUp == false }
            XCTAssertTrue(markedDown, "the driver did not mark the stopped node down")

            observer.reset()
            for key in Int32(0)..<30 {
                let row = try await session.execute(table.select, key)
                XCTAssertEqual(try row.first?["v", as: String.self], "v\(key)")
                try await session.execute(table.insert, key, "after-stop-\(key)")
            }
            let attempts = observer.attempts
            XCTAssertEqual(attempts.count, 60, "each request should succeed on its first attempt")
            XCTAssertTrue(attempts.allSatisfy(\.outcome.isSuccess))
            XCTAssertFalse(attempts.contains { cluster.nodeIndex(ofAttemptOn: $0.node) == 2 }, "a request was sent to the down node")

            try await cluster.restartNode(2)
            let markedUp = await eventually { session.cluster.node(id: stopped.hostID)?.isUp == true }
            XCTAssertTrue(markedUp, "the driver did not mark the restarted node up")
            // Its keys go to it again, and it sees the writes made while it was down.
            stopped.resetRequestCounts()
            let key = cluster.keys(ownedBy: 2, count: 1)[0]
            let reachedAgain = try await eventually {
                let row = try await session.execute(table.select, key)
                XCTAssertEqual(try row.first?["v", as: String.self], "after-stop-\(key)")
                return stopped.requestCount(.execute) > 0
            }
            XCTAssertTrue(reachedAgain, "no request reached the restarted node")
        }
    }

    func testStatusUpEventReconnectsWithoutWaitingOutTheBackoff() async throws {
        try await skipUnlessEmbeddedServer()
        // A backoff far longer than the test: only the STATUS_CHANGE UP event can bring the node back in time.
        try await withTestCluster(nodes: 3, configure: { $0.reconnectionPolicy = ConstantReconnectionPolicy(delay: .seconds(120)) }) { cluster, session in
            let table = try await KeyValueTable.create(in: session, cluster: cluster)
            let stopped = cluster.nodes[2]
            await cluster.stopNode(2)
            let markedDown = await eventually { session.cluster.node(id: stopped.hostID)?.isUp == false }
            XCTAssertTrue(markedDown, "the driver did not mark the stopped node down")
            try await cluster.restartNode(2)
            stopped.resetRequestCounts()
            let key = cluster.keys(ownedBy: 2, count: 1)[0]
            let reachedAgain = try await eventually(timeout: .seconds(10)) {
                _ = try await session.execute(table.select, key)
                return stopped.requestCount(.execute) > 0
            }
            XCTAssertTrue(reachedAgain, "the restarted node got no request before its 120 s backoff")
        }
    }

    func testLosingTheControlConnectionsNodeKeepsTheSessionWorking() async throws {
        try await skipUnlessEmbeddedServer()
        try await withTestCluster(nodes: 3) { cluster, session in
            let table = try await KeyValueTable.create(in: session, cluster: cluster)
            await cluster.stopNode(0)
            let markedDown = await eventually { session.cluster.node(id: cluster.nodes[0].hostID)?.isUp == false }
            XCTAssertTrue(markedDown)
            for key in Int32(0)..<20 {
                try await session.execute(table.insert, key, "no-node-0-\(key)")
            }
            // The control connection moved to another node: schema changes still reach the driver.
            try await session.execute("ALTER TABLE kv ADD extra int")
            let altered = await eventually {
                session.schema.keyspaces[session.keyspace ?? ""]?.tables["kv"]?.columns.contains { $0.name == "extra" } ?? false
            }
            XCTAssertTrue(altered, "the schema change did not reach the driver after its control node stopped")
            // The metadata read through another node still places every node at its own address.
            for server in cluster.nodes {
                XCTAssertEqual(session.cluster.node(id: server.hostID)?.endpoint.description, "\(server.host):\(server.port)")
            }

            try await cluster.restartNode(0)
            let markedUp = await eventually { session.cluster.node(id: cluster.nodes[0].hostID)?.isUp == true }
            XCTAssertTrue(markedUp)
            let row = try await session.execute(table.select, Int32(5))
            XCTAssertEqual(try row.first?["v", as: String.self], "no-node-0-5")
        }
    }
}
