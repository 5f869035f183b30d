import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

/// Schema metadata over real sockets: DDL is followed by schema agreement, and the
/// SCHEMA_CHANGE events the control connection registered for refresh ``Session/schema``
/// and the replication in ``Session/cluster``.
final class SchemaEventsIntegrationTests: XCTestCase {
    func testMetadataFollowsCreateAlterAndDropTable() async throws {
        try await withTestKeyspaceSession { session, keyspace in
            try await session.execute("""
                CREATE TABLE events (day int, seq int, body text, PRIMARY KEY (day, seq))
                WITH CLUSTERING ORDER BY (seq DESC)
                """)
            let agreedAfterCreate = try await session.waitForSchemaAgreement()
            XCTAssertTrue(agreedAfterCreate)
            let created = await eventually { session.schema.keyspaces[keyspace]?.tables["events"] != nil }
            XCTAssertTrue(created, "CREATE TABLE did not reach the schema metadata")
            let table = try XCTUnwrap(session.schema.keyspaces[keyspace]?.tables["events"])
            XCTAssertEqual(table.partitionKey.map(\.name), ["day"])
            XCTAssertEqual(table.clusteringColumns.map(\.name), ["seq"])
            XCTAssertEqual(table.clusteringColumns.first?.clusteringOrder, "desc")
            XCTAssertEqual(table.columns.first { $0.name == "body" }?.type, "text")
            XCTAssertEqual(table.columns.first { $0.name == "body" }?.kind, .regular)

            try await session.execute("ALTER TABLE events ADD tags set<text>")
            let agreedAfterAlter = try await session.waitForSchemaAgreement()
            XCTAssertTrue(agreedAfterAlter)
            let altered = await eventually {
                session.schema.keyspaces[keyspace]?.tables["events"]?.columns.contains { $0.name == "tags" } ?? false
            }
            XCTAssertTrue(altered, "ALTER TABLE ADD did not reach the schema metadata")
            XCTAssertEqual(session.schema.keyspaces[keyspace]?.tables["events"]?.columns.first { $0.name == "tags" }?.type,
                           "set<text>")

            try await session.execute("CREATE TYPE address (street text, zip int)")
            let typeCreated = await eventually { session.schema.keyspaces[keyspace]?.userTypes["address"] != nil }
            XCTAssertTrue(typeCreated, "CREATE TYPE did not reach the schema metadata")
            XCTAssertEqual(session.schema.keyspaces[keyspace]?.userTypes["address"]?.fieldNames, ["street", "zip"])

            try await session.execute("DROP TABLE events")
            let agreedAfterDrop = try await session.waitForSchemaAgreement()
            XCTAssertTrue(agreedAfterDrop)
            let dropped = await eventually { session.schema.keyspaces[keyspace]?.tables["events"] == nil }
            XCTAssertTrue(dropped, "DROP TABLE did not reach the schema metadata")
        }
    }

    func testKeyspaceReplicationIsReadFromSystemSchema() async throws {
        try await withTestSession { session, keyspace in
            // The schema metadata and the routing snapshot are published one after the other.
            let simple = await eventually {
                session.schema.keyspaces[keyspace]?.replication == .simple(replicationFactor: 1)
                    && session.cluster.keyspaces[keyspace] == .simple(replicationFactor: 1)
            }
            XCTAssertTrue(simple, "schema: \(String(describing: session.schema.keyspaces[keyspace]?.replication)), "
                          + "routing: \(String(describing: session.cluster.keyspaces[keyspace]))")

            let datacenter = try XCTUnwrap(session.cluster.nodes.first?.datacenter)
            let other = uniqueKeyspaceName(prefix: "nts")
            try await session.execute("""
                CREATE KEYSPACE \(other) WITH replication = {'class': 'NetworkTopologyStrategy', '\(datacenter)': 1}
                AND durable_writes = false
                """)
            do {
                let topology = ReplicationStrategy.networkTopology(replicationFactors: [datacenter: 1])
                let created = await eventually {
                    session.schema.keyspaces[other]?.replication == topology && session.cluster.keyspaces[other] == topology
                }
                XCTAssertTrue(created, "\(String(describing: session.schema.keyspaces[other])), routing: "
                              + "\(String(describing: session.cluster.keyspaces[other]))")
                XCTAssertEqual(session.schema.keyspaces[other]?.durableWrites, false)
                // The metadata says what system_schema says.
                let row = try await session.execute(
                    "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?", other)
                let replication = try XCTUnwrap(row.first?["replication", as: [String: String].self])
                XCTAssertEqual(ReplicationStrategy(replication: replication), topology)

                try await session.execute(
                    "ALTER KEYSPACE \(other) WITH replication = {'class': 'NetworkTopologyStrategy', '\(datacenter)': 2}")
                let altered = ReplicationStrategy.networkTopology(replicationFactors: [datacenter: 2])
                let changed = await eventually {
                    session.cluster.keyspaces[other] == altered && session.schema.keyspaces[other]?.replication == altered
                }
                XCTAssertTrue(changed, "ALTER KEYSPACE did not reach the cluster snapshot and the schema metadata")
            } catch {
                _ = try? await session.execute("DROP KEYSPACE IF EXISTS \(other)")
                throw error
            }
            try await session.execute("DROP KEYSPACE \(other)")
            let dropped = await eventually { session.schema.keyspaces[other] == nil && session.cluster.keyspaces[other] == nil }
            XCTAssertTrue(dropped, "DROP KEYSPACE did not reach the metadata")
        }
    }

    func testMetadataKeepsFollowingTheSchemaAfterTheControlConnectionIsLost() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedServerSession(configure: {
            $0.reconnectionPolicy = ConstantReconnectionPolicy(delay: .milliseconds(20))
        }) { session, server, keyspace in
            server.dropAllConnections()
            let recovered = await eventually { (try? await session.execute("SELECT key FROM system.local")) != nil }
            XCTAssertTrue(recovered, "the pool did not reconnect")
            // Until the control connection is back, agreement checks fail fast (connectionClosed).
            let controlBack = await eventually { (try? await session.waitForSchemaAgreement()) == true }
            XCTAssertTrue(controlBack, "the control connection did not reconnect")

            try await session.execute("CREATE TABLE after_loss (k int PRIMARY KEY)")
            let agreed = try await session.waitForSchemaAgreement()
            XCTAssertTrue(agreed)
            let refreshed = await eventually { session.schema.keyspaces[keyspace]?.tables["after_loss"] != nil }
            XCTAssertTrue(refreshed, "schema events stopped after the control connection was lost")
        }
    }
}
