import CassandraDriver
import CQLServer
import CQLTesting
import XCTest

/// `Session.use(keyspace:)` reaches every connection, including one that was still opening
/// (and setting the previous keyspace) while the switch happened.
final class KeyspaceSwitchIntegrationTests: XCTestCase {
    func testAConnectionOpeningDuringASwitchEndsUpInTheNewKeyspace() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedServer { server in
            let first = uniqueKeyspaceName()
            let second = uniqueKeyspaceName()
            var adminConfiguration = Session.Configuration(contactPoints: [server.contactPoint])
            adminConfiguration.schemaAgreementTimeout = .seconds(30)
            let admin = try await Session.connect(configuration: adminConfiguration)
            for (keyspace, marker) in [(first, 1), (second, 2)] {
                try await admin.execute(
                    "CREATE KEYSPACE \(keyspace) WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
                try await admin.execute("CREATE TABLE \(keyspace).marker (k int PRIMARY KEY, v int)")
                try await admin.execute("INSERT INTO \(keyspace).marker (k, v) VALUES (0, ?)", Int32(marker))
            }
            try await admin.waitForSchemaAgreement()
            try await admin.close()

            var configuration = Session.Configuration(contactPoints: [server.contactPoint])
            configuration.keyspace = first
            configuration.connectionsPerNode = 2
            // One of the two pooled connections takes a second to set the configured keyspace
            // (`USE first`): it is still opening when the switch below happens.
            server.addFaultRule(FaultRule(.queryContaining("USE \(first)"), .delay(.seconds(1)), times: 1))
            let session = try await Session.connect(configuration: configuration)
            let oneIsReady = await eventually {
                (try? await session.execute("SELECT v FROM marker WHERE k = 0").first?["v", as: Int32.self]) == 1
            }
            XCTAssertTrue(oneIsReady, "no connection is ready")
            try await session.use(keyspace: second)
            // Give the slow connection time to finish opening and join the pool.
            try await Task.sleep(for: .milliseconds(1500))
            // Concurrent requests, so that both connections carry some (leasing prefers the
            // least busy one).
            let markers = try await withThrowingTaskGroup(of: Int32.self) { group in
                for _ in 0..<200 {
                    group.addTask {
                        try await session.execute("SELECT v FROM marker WHERE k = 0").first?["v", as: Int32.self] ?? -1
                    }
                }
                return try await group.reduce(into: [Int32]()) { $0.append($1) }
            }
            XCTAssertEqual(Set(markers), [2], "a connection kept the old keyspace")
            try await session.close()
        }
    }
}
