import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

/// The EVENTs the embedded cluster sends, read from a raw connection registered on node 0:
/// STATUS_CHANGE when another node stops or restarts, and SCHEMA_CHANGE for DDL run on any
/// node.
final class ClusterEventsIntegrationTests: XCTestCase {
    func testOtherNodesAnnounceAStoppedAndARestartedNode() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedCluster(.init(nodeCount: 3)) { cluster in
            let listener = try registeredSocket(on: cluster.nodes[0], for: [.statusChange, .topologyChange])
            let node1 = CQLInetEndpoint(address: CQLInetAddress("127.0.0.2")!, port: Int32(cluster.port))
            await cluster.stopNode(1)
            XCTAssertEqual(try nextEvent(on: listener), .statusChange(.down, node: node1))
            try await cluster.restartNode(1)
            XCTAssertEqual(try nextEvent(on: listener), .statusChange(.up, node: node1))
            // The restarted node accepts connections on its old address again.
            let again = try RawCQLSocket(host: "127.0.0.2", port: cluster.port)
            try again.send(.options)
            guard case .supported = try XCTUnwrap(try again.readFrame()).decodeResponse() else {
                return XCTFail("the restarted node did not answer OPTIONS")
            }
        }
    }

    func testASchemaChangeOnOneNodeIsAnnouncedOnEveryNode() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedCluster(.init(nodeCount: 3)) { cluster in
            let listeners = try cluster.nodes.map { try registeredSocket(on: $0, for: [.schemaChange]) }
            let ddl = try RawCQLSocket(host: cluster.nodes[1].host, port: cluster.port)
            try ddl.send(.startup(.init()))
            _ = try ddl.readFrame()
            let keyspace = uniqueKeyspaceName()
            try ddl.send(.query(.init(query: "CREATE KEYSPACE \(keyspace) WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
                                      parameters: .init(consistency: .one))))
            for listener in listeners {
                guard case .schemaChange(let change) = try nextEvent(on: listener) else { return XCTFail("expected SCHEMA_CHANGE") }
                XCTAssertEqual(change.changeType, .created)
                XCTAssertEqual(change.target, .keyspace(keyspace))
            }
        }
    }

    /// A raw connection to `node`, past STARTUP and REGISTER.
    private func registeredSocket(on node: EmbeddedCQLServer, for events: [ResponseMessage.Event.EventType]) throws -> RawCQLSocket {
        let socket = try RawCQLSocket(host: node.host, port: node.port)
        try socket.send(.startup(.init()))
        guard case .ready = try XCTUnwrap(try socket.readFrame()).decodeResponse() else { throw XCTSkip("no READY after STARTUP") }
        try socket.send(.register(.init(eventTypes: events)), stream: 1)
        guard case .ready = try XCTUnwrap(try socket.readFrame()).decodeResponse() else { throw XCTSkip("no READY after REGISTER") }
        return socket
    }

    /// The next EVENT frame on `socket` (stream -1), failing after the socket's read timeout.
    private func nextEvent(on socket: RawCQLSocket) throws -> ResponseMessage.Event {
        while let frame = try socket.readFrame() {
            if case .event(let event) = try frame.decodeResponse() {
                XCTAssertEqual(frame.header.stream, -1)
                return event
            }
        }
        throw CassandraError(.requestTimeout, "no EVENT arrived")
    }
}
