import CassandraDriver
import CassandraORM
import CQLTesting
import XCTest

/// Reading through materialized views: writes to the table show through the views, and
/// reads are checked against the view's key.
final class ORMViewTests: XCTestCase {
    /// A typed user; `age` is not selected by `typed_users_by_email`, so it is optional.
    struct ViewUser: CassandraModel, Equatable {
        static let schema = viewTestUsers("typed_users")
        var id: Int32
        var email: String?
        var name: String?
        var age: Int32?
    }

    private func ids(_ records: [Record]) -> [Int64] { records.compactMap { $0["id"].intValue } }

    func testWritesToTheTableShowThroughItsViews() async throws {
        try await withViewTestClient { client in
            let User = try await client.loadSchema(viewTestUsers())
            XCTAssertEqual(User.viewNames, ["users_by_age", "users_by_email"])
            for id in 1...4 {
                try await User.save(["id": .int(Int64(id)), "email": "u\(id)@x.io", "name": "user \(id)", "age": .int(Int64(30 + id % 2))])
            }
            let byEmail = try User.view("users_by_email")
            XCTAssertEqual(byEmail.name, "users_by_email")
            XCTAssertEqual(byEmail.partitionKey, ["email"])
            XCTAssertEqual(byEmail.clusteringKey, ["id"])
            let found = try await byEmail.find(["email": "u2@x.io"])
            XCTAssertEqual(found, [Record(values: ["email": "u2@x.io", "id": 2, "name": "user 2"])], "the view selects name, not age")

            let byAge = try User.view("users_by_age")
            await XCTAssertEqualAsync(ids(try await byAge.find(["age": 31])), [3, 1], "clustered by id descending")
            await XCTAssertEqualAsync(ids(try await byAge.find(["age": 31], options: .init(orderBy: ["id": .asc]))), [1, 3])
            await XCTAssertEqualAsync(try await byAge.count(["age": 30]), 2)
            await XCTAssertEqualAsync(try await byAge.findOne(["age": 30])?["email"], "u4@x.io")
            let page = try await byAge.findPage(["age": ["$in": [30, 31]]], options: .init(pageSize: 3))
            XCTAssertEqual(page.records.count, 3)
            XCTAssertNotNil(page.pagingState)
            var streamed: [Int64] = []
            for try await record in byAge.stream(["age": 30]) { streamed += ids([record]) }
            XCTAssertEqual(streamed, [4, 2])

            // Changing a view key field moves the row in the view.
            try await User.update(where: ["id": 2], set: ["email": "new@x.io", "age": 40])
            await XCTAssertEqualAsync(try await byEmail.find(["email": "u2@x.io"]).count, 0, "the old view row is gone")
            await XCTAssertEqualAsync(try await byEmail.findOne(["email": "new@x.io"])?["name"], "user 2")
            await XCTAssertEqualAsync(ids(try await byAge.find(["age": 30])), [4])
            await XCTAssertEqualAsync(ids(try await byAge.find(["age": 40])), [2])

            // A NULL view key field takes the row out of that view only.
            try await User.update(where: ["id": 3], set: ["email": .null])
            await XCTAssertEqualAsync(try await byEmail.count(["email": "u3@x.io"]), 0)
            await XCTAssertEqualAsync(ids(try await byAge.find(["age": 31])), [3, 1])

            try await User.delete(where: ["id": 1])
            await XCTAssertEqualAsync(try await byEmail.count(["email": "u1@x.io"]), 0)
            await XCTAssertEqualAsync(ids(try await byAge.find(["age": 31])), [3])
        }
    }

    func testReadsAreCheckedAgainstTheViewKeyBeforeAnythingIsSent() async throws {
        try await withViewTestClient { client in
            let User = try await client.loadSchema(viewTestUsers())
            try await User.save(["id": 1, "email": "a@x.io", "name": "ann", "age": 30])
            let byEmail = try User.view("users_by_email")
            let byId = await ormErrorCode { _ = try await byEmail.find(["id": 1]) }
            XCTAssertEqual(byId, .filteringRequired, "id is a clustering field of the view: it needs the partition key")
            await XCTAssertEqualAsync(try await byEmail.find(["id": 1], options: .init(allowFiltering: true)).count, 1)
            let notSelected = await ormErrorCode { _ = try await byEmail.find(["email": "a@x.io", "age": 30]) }
            XCTAssertEqual(notSelected, .unknownField, "the view does not select age")
            let byTableOrder = await ormErrorCode { _ = try await byEmail.find(["email": "a@x.io"], options: .init(orderBy: ["email": .asc])) }
            XCTAssertEqual(byTableOrder, .invalidQuery)
            let byEmailOnTable = await ormErrorCode { _ = try await User.find(["email": "a@x.io"]) }
            XCTAssertEqual(byEmailOnTable, .filteringRequired, "the table is still keyed by id")
            let unknown = await ormErrorCode { _ = try User.view("users_by_name") }
            XCTAssertEqual(unknown, .unknownView)
        }
    }

    func testFiltersKeepRowsOutOfTheView() async throws {
        try await withViewTestClient { client in
            let schema = ModelSchema("scores", fields: ["game": "text", "season": "int", "player": "text", "points": "int"],
                                     key: [["game", "season"], "player"], materializedViews: [
                "recent_scores": .init(select: ["points"], key: ["player", "game", "season"], clusteringOrder: ["game": .desc],
                                       filters: ["season": ["$gte": 2024], "game": ["$in": ["chess", "go"]]]),
            ])
            let Score = try await client.loadSchema(schema)
            for (game, season) in [("chess", 2023), ("chess", 2024), ("go", 2025), ("poker", 2025)] {
                try await Score.save(["game": .string(game), "season": .int(Int64(season)), "player": "ann", "points": 10])
            }
            let recent = try await Score.view("recent_scores").find(["player": "ann"])
            XCTAssertEqual(recent.map { "\($0["game"].stringValue ?? "?") \($0["season"].intValue ?? 0)" }, ["go 2025", "chess 2024"])
            // The view reads back from system_schema as declared, filters included.
            await XCTAssertTrueAsync(try await client.plan(schema).allSatisfy(\.isEmpty))
        }
    }

    func testTypedModelsReadThroughViews() async throws {
        try await withViewTestClient { client in
            let users = try await client.model(ViewUser.self)
            try await users.save(ViewUser(id: 1, email: "a@x.io", name: "ann", age: 30))
            try await users.save(ViewUser(id: 2, email: "b@x.io", name: "bob", age: 30))
            let byEmail = try users.view("typed_users_by_email")
            XCTAssertEqual(byEmail.name, "typed_users_by_email")
            await XCTAssertEqualAsync(try await byEmail.find(where: ["email": "b@x.io"]), [ViewUser(id: 2, email: "b@x.io", name: "bob", age: nil)])
            await XCTAssertEqualAsync(try await users.view("typed_users_by_age").find(where: ["age": 30]).map(\.id), [2, 1])
            await XCTAssertEqualAsync(try await users.view("typed_users_by_age").findOne(where: ["age": 30])?.age, 30)
            await XCTAssertEqualAsync(try await byEmail.count(where: ["email": "a@x.io"]), 1)
            var streamed: [Int32] = []
            let byAge = try users.view("typed_users_by_age")
            for try await user in byAge.stream(where: ["age": 30]) { streamed.append(user.id) }
            XCTAssertEqual(streamed, [2, 1])

            // The static API of a type bound with loadSchema.
            try await client.loadSchema(ViewUser.self)
            await XCTAssertEqualAsync(try await ViewUser.view("typed_users_by_email").findOne(where: ["email": "a@x.io"])?.name, "ann")
            let unknown = await ormErrorCode { _ = try ViewUser.view("typed_users_by_name") }
            XCTAssertEqual(unknown, .unknownView)
        }
    }
}
