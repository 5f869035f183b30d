import CassandraDriver
import CQLProtocol
import CQLTesting
import Foundation
import XCTest

/// The driver against a real server over sockets: connecting, prepared statements, paging,
/// batches and lightweight transactions.
final class SessionIntegrationTests: XCTestCase {
    func testConnectsAndReadsTheLocalNode() async throws {
        try await withTestSession { session, _ in
            let result = try await session.execute("SELECT release_version FROM system.local")
            XCTAssertEqual(result.count, 1)
            XCTAssertFalse(try result[0]["release_version", as: String.self].isEmpty)
            XCTAssertFalse(session.cluster.nodes.isEmpty)
        }
    }

    func testPreparedStatementsBindByPositionAndName() async throws {
        try await withTestKeyspaceSession { session, _ in
            try await session.execute("CREATE TABLE users (id uuid PRIMARY KEY, name text, age int)")
            try await session.waitForSchemaAgreement()
            let insert = try await session.prepare("INSERT INTO users (id, name, age) VALUES (?, ?, ?)")
            XCTAssertEqual(insert.variables.map(\.name), ["id", "name", "age"])
            XCTAssertEqual(insert.partitionKeyIndexes, [0])
            let ada = UUID()
            let bob = UUID()
            try await session.execute(insert, ada, "Ada", Int32(36))
            try await session.execute(insert.bind(named: ["id": bob, "name": "Bob"]))
            let select = try await session.prepare("SELECT name, age FROM users WHERE id = ?")
            let adaRow = try await session.execute(select, ada)
            XCTAssertEqual(try adaRow.first?["name", as: String.self], "Ada")
            XCTAssertEqual(try adaRow.first?["age", as: Int32?.self], 36)
            let bobRow = try await session.execute(select, bob)
            XCTAssertEqual(try bobRow.first?["age", as: Int32?.self], nil)
            XCTAssertThrowsError(try insert.bind(ada, "too few")) { error in
                XCTAssertEqual((error as? CassandraError)?.code, .invalidArgument)
            }
            XCTAssertThrowsError(try insert.bind(ada, Int32(1), Int32(2))) { error in
                XCTAssertEqual((error as? CassandraError)?.code, .typeMismatch)
            }
        }
    }

    func testRowSequencePagesThroughManyPages() async throws {
        try await withTestKeyspaceSession { session, _ in
            try await session.execute("CREATE TABLE events (day int, seq int, body text, PRIMARY KEY (day, seq))")
            try await session.waitForSchemaAgreement()
            let insert = try await session.prepare("INSERT INTO events (day, seq, body) VALUES (?, ?, ?)")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for seq in 0..<1000 {
                    group.addTask { try await session.execute(insert, Int32(1), Int32(seq), "event \(seq)") }
                }
                try await group.waitForAll()
            }
            var seen: [Int32] = []
            let rows = session.rows("SELECT seq FROM events WHERE day = ?", Int32(1), options: .init(pageSize: 37))
            for try await row in rows { seen.append(try row["seq", as: Int32.self]) }
            XCTAssertEqual(seen, (0..<1000).map(Int32.init))

            let first = try await session.execute("SELECT seq FROM events WHERE day = ?", Int32(1), options: .init(pageSize: 100))
            XCTAssertEqual(first.count, 100)
            XCTAssertTrue(first.hasMorePages)
            let second = try await session.execute(
                "SELECT seq FROM events WHERE day = ?", Int32(1), options: .init(pageSize: 100, pagingState: first.pagingState))
            XCTAssertEqual(try second.first?["seq", as: Int32.self], 100)

            var early = 0
            for try await _ in session.rows("SELECT seq FROM events", options: .init(pageSize: 10)) {
                early += 1
                if early == 15 { break }
            }
            XCTAssertEqual(early, 15)
        }
    }

    func testLoggedBatchAppliesEveryStatement() async throws {
        try await withTestKeyspaceSession { session, _ in
            try await session.execute("CREATE TABLE accounts (id int PRIMARY KEY, owner text)")
            try await session.execute("CREATE TABLE owners (name text PRIMARY KEY, account int)")
            try await session.waitForSchemaAgreement()
            let insertOwner = try await session.prepare("INSERT INTO owners (name, account) VALUES (?, ?)")
            var batch = BatchStatement(type: .logged)
            batch.add("INSERT INTO accounts (id, owner) VALUES (?, ?)", Int32(1), "ada")
            batch.add(try insertOwner.bind("ada", Int32(1)))
            batch.add("UPDATE accounts SET owner = ? WHERE id = ?", "ada lovelace", Int32(1))
            try await session.batch(batch)
            let account = try await session.execute("SELECT owner FROM accounts WHERE id = 1")
            XCTAssertEqual(try account.first?["owner", as: String.self], "ada lovelace")
            let owner = try await session.execute("SELECT account FROM owners WHERE name = 'ada'")
            XCTAssertEqual(try owner.first?["account", as: Int32.self], 1)
        }
    }

    func testLightweightTransactionsReportWasApplied() async throws {
        try await withTestKeyspaceSession { session, _ in
            try await session.execute("CREATE TABLE emails (email text PRIMARY KEY, owner uuid)")
            try await session.waitForSchemaAgreement()
            let first = UUID()
            let insert = try await session.prepare("INSERT INTO emails (email, owner) VALUES (?, ?) IF NOT EXISTS")
            let won = try await session.execute(insert, "a@b.c", first)
            XCTAssertTrue(won.wasApplied)
            let lost = try await session.execute(insert, "a@b.c", UUID())
            XCTAssertFalse(lost.wasApplied)
            XCTAssertEqual(try lost.first?["owner", as: UUID.self], first)
            let update = try await session.execute("UPDATE emails SET owner = ? WHERE email = ? IF owner = ?", UUID(), "a@b.c", UUID())
            XCTAssertFalse(update.wasApplied)
            let delete = try await session.execute("DELETE FROM emails WHERE email = ? IF EXISTS", "a@b.c")
            XCTAssertTrue(delete.wasApplied)
        }
    }

    func testManyTasksShareOneSession() async throws {
        try await withTestKeyspaceSession { session, _ in
            try await session.execute("CREATE TABLE counters_like (id int PRIMARY KEY, value text)")
            try await session.waitForSchemaAgreement()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in 0..<300 {
                    group.addTask {
                        try await session.execute("INSERT INTO counters_like (id, value) VALUES (?, ?)", Int32(id), "v\(id)")
                        let row = try await session.execute("SELECT value FROM counters_like WHERE id = ?", Int32(id))
                        XCTAssertEqual(try row.first?["value", as: String.self], "v\(id)")
                    }
                }
                try await group.waitForAll()
            }
            let count = try await session.execute("SELECT COUNT(*) FROM counters_like")
            XCTAssertEqual(try count.first?[0, as: Int64.self], 300)
        }
    }
}
