import CassandraDriver
import CQLProtocol
import CQLTesting
import XCTest

/// Materialized views of the embedded server through the driver over real sockets: the
/// view follows base writes, prepared reads of the view carry the view's metadata and
/// routing key, and the DDL is followed by schema agreement.
final class MaterializedViewIntegrationTests: XCTestCase {
    func testPreparedReadsOfAViewFollowBaseWrites() async throws {
        try await withTestKeyspaceSession { session, keyspace in
            try await session.execute("CREATE TABLE accounts (id int PRIMARY KEY, owner text, balance bigint)")
            try await session.execute("""
                CREATE MATERIALIZED VIEW accounts_by_owner AS SELECT * FROM accounts
                WHERE owner IS NOT NULL AND id IS NOT NULL PRIMARY KEY (owner, id)
                """)
            let agreed = try await session.waitForSchemaAgreement()
            XCTAssertTrue(agreed)
            let insert = try await session.prepare("INSERT INTO accounts (id, owner, balance) VALUES (?, ?, ?)")
            for (id, owner) in [(1, "ada"), (2, "ada"), (3, "bob")] {
                try await session.execute(insert, Int32(id), owner, Int64(id * 100))
            }
            let byOwner = try await session.prepare("SELECT id, balance FROM accounts_by_owner WHERE owner = ?")
            XCTAssertEqual(byOwner.partitionKeyIndexes, [0])
            XCTAssertEqual(byOwner.variables.map(\.table), ["accounts_by_owner"])
            XCTAssertEqual(byOwner.resultMetadata.columns?.map(\.table), ["accounts_by_owner", "accounts_by_owner"])
            XCTAssertEqual(byOwner.resultMetadata.columns?.first?.keyspace, keyspace)
            let ada = try await session.execute(byOwner, "ada")
            XCTAssertEqual(try ada.map { try $0["id", as: Int32.self] }, [1, 2])

            try await session.execute("UPDATE accounts SET owner = 'bob' WHERE id = 2")
            let bob = try await session.execute(byOwner, "bob")
            XCTAssertEqual(try bob.map { try $0["id", as: Int32.self] }, [2, 3])
            XCTAssertEqual(try bob.map { try $0["balance", as: Int64.self] }, [200, 300])
        }
    }
}
