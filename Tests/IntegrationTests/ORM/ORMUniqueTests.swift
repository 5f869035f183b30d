import CassandraDriver
import CassandraORM
import CQLTesting
import XCTest

/// Unique fields enforced with lookup tables and lightweight transactions.
final class ORMUniqueTests: XCTestCase {
    private func loadUsers(_ client: CassandraClient) async throws -> Model {
        try await client.loadSchema("users", fields: ["id": "uuid", "email": .init(type: "text", unique: true), "name": "text"], key: ["id"])
    }

    func testDuplicateValuesAreRejectedAndLookupsFollowUpdatesAndDeletes() async throws {
        try await withTestClient { client in
            let User = try await loadUsers(client)
            let ada = client.uuid()
            let bob = client.uuid()
            try await User.save(["id": ada, "email": "ada@x.io", "name": "Ada"])
            try await User.save(["id": ada, "email": "ada@x.io", "name": "Ada L."])
            do {
                try await User.save(["id": bob, "email": "ada@x.io"])
                XCTFail("duplicate accepted")
            } catch let error as ORMError {
                XCTAssertEqual(error.code, .uniqueViolation)
                XCTAssertEqual(error.field, "email")
                XCTAssertEqual(error.value, "ada@x.io")
                XCTAssertFalse(error.description.contains("ada@x.io"), "values stay out of descriptions")
            }
            await XCTAssertNilAsync(try await User.findOne(["id": bob]))
            try await User.update(where: ["id": ada], set: ["email": "ada@new.io"])
            try await User.save(["id": bob, "email": "ada@x.io"])
            let taken = await ormErrorCode { try await User.update(where: ["id": bob], set: ["email": "ada@new.io"]) }
            XCTAssertEqual(taken, .uniqueViolation)
            await XCTAssertEqualAsync(try await User.findOne(["id": bob])?["email"], "ada@x.io", "compensated: unchanged")
            try await User.delete(where: ["id": ada])
            try await User.update(where: ["id": bob], set: ["email": "ada@new.io"])
            let lookups = try await client.driver.execute("SELECT \"__value\" FROM users_by_email")
            XCTAssertEqual(Set(try lookups.map { try $0["__value", as: String.self] }), ["ada@new.io"])
        }
    }

    func testWritesThatSetNoUniqueFieldNeitherClaimNorFail() async throws {
        try await withTestClient { client in
            let User = try await loadUsers(client)
            let ada = client.uuid()
            try await User.save(["id": ada, "name": "Ada"])
            try await User.update(where: ["id": ada], set: ["name": "Ada L."])
            await XCTAssertEqualAsync(try await User.findOne(["id": ada])?["name"], "Ada L.")
            let lookups = try await client.driver.execute("SELECT \"__value\" FROM users_by_email")
            XCTAssertEqual(Array(lookups).count, 0, "nothing was claimed")
            try await User.save(["id": client.uuid(), "email": "ada@x.io"])
            try await User.update(where: ["id": ada], set: ["name": "Ada King"])
            let taken = await ormErrorCode { try await User.update(where: ["id": ada], set: ["email": "ada@x.io"]) }
            XCTAssertEqual(taken, .uniqueViolation)
        }
    }

    func testExactlyOneOfManyConcurrentSavesWins() async throws {
        try await withTestClient { client in
            let User = try await loadUsers(client)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        do {
                            try await User.save(["id": client.uuid(), "email": "race@x.io", "name": .string("racer \(index)")])
                            return true
                        } catch let error as ORMError where error.code == .uniqueViolation {
                            return false
                        }
                    }
                }
                var outcomes: [Bool] = []
                for try await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            XCTAssertEqual(outcomes.filter { $0 }.count, 1)
            await XCTAssertEqualAsync(try await User.count(), 1)
        }
    }
}
