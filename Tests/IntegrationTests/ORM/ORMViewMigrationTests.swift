import CassandraDriver
import CassandraORM
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

/// Materialized views through every migration mode against `system_schema` of a real server.
final class ORMViewMigrationTests: XCTestCase {
    func testEveryModeCreatesTheTableThenItsViews() async throws {
        for mode in [MigrationMode.safe, .alter, .drop] {
            try await withViewTestClient(migration: mode) { client in
                let schema = viewTestUsers()
                let planned = try await client.plan(schema)
                XCTAssertEqual(planned.count, 1)
                XCTAssertEqual(planned[0].statements.filter { $0.hasPrefix("CREATE MATERIALIZED VIEW") }.count, 2, "\(mode)")
                await XCTAssertEqualAsync(try await viewsInSystemSchema(client, of: "users"), [:], "plan is a dry run")
                let User = try await client.loadSchema(schema)
                await XCTAssertEqualAsync(try await viewsInSystemSchema(client, of: "users"), ["users_by_email": false, "users_by_age": true])
                await XCTAssertEqualAsync(try await columnsInSystemSchema(client, of: "users_by_email"), ["email", "id", "name"])
                await XCTAssertTrueAsync(try await client.plan(schema).allSatisfy(\.isEmpty), "\(mode): the views read back as declared")
                _ = try await client.loadSchema(schema)
                try await User.save(["id": 1, "email": "a@x.io", "name": "ann", "age": 30])
                await XCTAssertEqualAsync(try await User.view("users_by_email").findOne(["email": "a@x.io"])?["name"], "ann", "\(mode)")
            }
        }
    }

    func testSafeRefusesChangedViewsListingTheDifferences() async throws {
        try await withViewTestClient(migration: .safe) { client in
            _ = try await client.loadSchema(viewTestUsers())
            let changed = viewTestUsers(views: [
                "users_by_email": .init(select: ["name", "age"], key: ["email", "id"]),
                "users_by_age": .init(key: ["age", "id"]),
                "users_by_name": .init(key: ["name", "id"]),
            ])
            do {
                _ = try await client.loadSchema(changed)
                XCTFail("a safe migration accepted changed views")
            } catch let error as ORMError {
                XCTAssertEqual(error.code, .migrationRefused)
                XCTAssertEqual(error.differences, [
                    .viewClusteringOrderChanged(name: "users_by_age", column: "id", expected: .asc, actual: .desc),
                    .viewColumnsChanged(name: "users_by_email", expected: "age, email, id, name", actual: "email, id, name"),
                    .viewMissing(name: "users_by_name"),
                ])
                XCTAssertTrue(error.message.contains("migrate with .alter or .drop"), error.message)
            }
            let undeclared = viewTestUsers(views: ["users_by_email": .init(select: ["name"], key: ["email", "id"])])
            let refused = await ormErrorCode { _ = try await client.loadSchema(undeclared) }
            XCTAssertEqual(refused, .migrationRefused, "an undeclared view is a difference, like an undeclared index")
            await XCTAssertEqualAsync(try await viewsInSystemSchema(client, of: "users"), ["users_by_email": false, "users_by_age": true],
                                      "nothing changed")
        }
    }

    func testAlterRecreatesChangedViewsCreatesMissingOnesAndDropsUndeclaredOnes() async throws {
        try await withViewTestClient(migration: .alter) { client in
            let first = try await client.loadSchema(viewTestUsers())
            for id in 1...3 { try await first.save(["id": .int(Int64(id)), "email": "u\(id)@x.io", "name": "user \(id)", "age": 30]) }
            let second = viewTestUsers(views: [
                "users_by_email": .init(select: ["name", "age"], key: ["email", "id"]),
                "users_by_name": .init(key: ["name", "id"]),
            ])
            let plan = try await client.plan(second)
            XCTAssertEqual(plan[0].differences, [
                .viewExtra(name: "users_by_age"),
                .viewColumnsChanged(name: "users_by_email", expected: "age, email, id, name", actual: "email, id, name"),
                .viewMissing(name: "users_by_name"),
            ])
            let keyspace = client.keyspace
            XCTAssertEqual(plan[0].statements, [
                #"DROP MATERIALIZED VIEW IF EXISTS "\#(keyspace)"."users_by_age""#,
                #"DROP MATERIALIZED VIEW IF EXISTS "\#(keyspace)"."users_by_email""#,
                #"CREATE MATERIALIZED VIEW IF NOT EXISTS "\#(keyspace)"."users_by_email" AS SELECT "email", "id", "age", "name" FROM "\#(keyspace)"."users" WHERE "email" IS NOT NULL AND "id" IS NOT NULL PRIMARY KEY (("email"), "id") WITH CLUSTERING ORDER BY ("id" ASC)"#,
                #"CREATE MATERIALIZED VIEW IF NOT EXISTS "\#(keyspace)"."users_by_name" AS SELECT * FROM "\#(keyspace)"."users" WHERE "name" IS NOT NULL AND "id" IS NOT NULL PRIMARY KEY (("name"), "id") WITH CLUSTERING ORDER BY ("id" ASC)"#,
            ])
            let User = try await client.loadSchema(second)
            await XCTAssertEqualAsync(try await viewsInSystemSchema(client, of: "users"), ["users_by_email": false, "users_by_name": true])
            await XCTAssertEqualAsync(try await columnsInSystemSchema(client, of: "users_by_email"), ["age", "email", "id", "name"])
            try await XCTAssertEventuallyEqual({ try await User.view("users_by_email").findOne(["email": "u2@x.io"])?["age"] }, 30,
                                               "the recreated view is built from the table's rows")
            try await XCTAssertEventuallyEqual({ try await User.view("users_by_name").count(["name": "user 3"]) }, 1)
            let gone = await ormErrorCode { _ = try User.view("users_by_age") }
            XCTAssertEqual(gone, .unknownView)
            await XCTAssertTrueAsync(try await client.plan(second).allSatisfy(\.isEmpty))
        }
    }

    func testDroppingAColumnOfATableWithViewsDropsAndRecreatesThem() async throws {
        try await withViewTestClient(migration: .alter) { client in
            let first = try await client.loadSchema(viewTestUsers(extraFields: ["nick": "text"]))
            try await first.save(["id": 1, "email": "a@x.io", "name": "ann", "age": 30, "nick": "annie"])
            await XCTAssertEqualAsync(try await columnsInSystemSchema(client, of: "users_by_age"), ["age", "email", "id", "name", "nick"])
            let plan = try await client.plan(viewTestUsers())
            let keyspace = client.keyspace
            XCTAssertEqual(plan[0].differences, [.columnExtra(name: "nick", type: "text")])
            XCTAssertEqual(Array(plan[0].statements.prefix(3)), [
                #"DROP MATERIALIZED VIEW IF EXISTS "\#(keyspace)"."users_by_age""#,
                #"DROP MATERIALIZED VIEW IF EXISTS "\#(keyspace)"."users_by_email""#,
                #"ALTER TABLE "\#(keyspace)"."users" DROP "nick""#,
            ])
            let User = try await client.loadSchema(viewTestUsers())
            await XCTAssertEqualAsync(try await columnsInSystemSchema(client, of: "users"), ["age", "email", "id", "name"])
            await XCTAssertEqualAsync(try await columnsInSystemSchema(client, of: "users_by_age"), ["age", "email", "id", "name"])
            try await XCTAssertEventuallyEqual({ try await User.view("users_by_age").findOne(["age": 30])?["name"] }, "ann")
            try await XCTAssertEventuallyEqual({ try await User.view("users_by_email").findOne(["email": "a@x.io"])?["name"] }, "ann")
        }
    }

    func testDropRecreatesTheTableAndItsViewsWhenTheKeyChanges() async throws {
        try await withViewTestClient(migration: .drop) { client in
            let first = try await client.loadSchema(viewTestUsers())
            try await first.save(["id": 1, "email": "a@x.io", "name": "ann", "age": 30])
            let retyped = ModelSchema("users", fields: ["id": "bigint", "email": "text", "name": "text", "age": "int"], key: ["id"],
                                      materializedViews: ["users_by_email": .init(select: ["name"], key: ["email", "id"])])
            let alterRefused = await ormErrorCode { _ = try await client.loadSchema(retyped, migration: .alter) }
            XCTAssertEqual(alterRefused, .migrationRefused)
            let User = try await client.loadSchema(retyped)
            await XCTAssertEqualAsync(try await viewsInSystemSchema(client, of: "users"), ["users_by_email": false])
            await XCTAssertEqualAsync(try await User.count(), 0, "recreated empty")
            try await User.save(["id": 7, "email": "b@x.io", "name": "bob"])
            await XCTAssertEqualAsync(try await User.view("users_by_email").findOne(["email": "b@x.io"])?["id"], 7)
        }
    }

    func testServersWithViewsDisabledAnswerATypedError() async throws {
        guard let server = try await embeddedServer else { throw XCTSkip("fault injection needs the embedded server") }
        try await withTestClient(migration: .safe) { client in
            server.addFaultRule(FaultRule(.queryContaining("CREATE MATERIALIZED VIEW IF NOT EXISTS \"\(client.keyspace)\""), .respond(
                ServerError(code: .invalid, message: "Materialized views are disabled. Enable in cassandra.yaml to use.")), times: 1))
            do {
                _ = try await client.loadSchema(viewTestUsers())
                XCTFail("the refusal was not reported")
            } catch let error as ORMError {
                XCTAssertEqual(error.code, .materializedViewsDisabled)
                XCTAssertEqual(error.table, "users")
                XCTAssertTrue(error.statement?.hasPrefix("CREATE MATERIALIZED VIEW") ?? false, error.statement ?? "no statement")
            }
        }
    }

    func testViewTestsSkipWhenTheServerRefusesViews() async throws {
        guard let server = try await embeddedServer else { throw XCTSkip("fault injection needs the embedded server") }
        do {
            try await withViewTestClient { client in
                server.addFaultRule(FaultRule(.queryContaining("CREATE MATERIALIZED VIEW IF NOT EXISTS \"\(client.keyspace)\""), .respond(
                    ServerError(code: .invalid, message: "Materialized views are disabled. Enable in cassandra.yaml to use.")), times: 1))
                _ = try await client.loadSchema(viewTestUsers())
            }
            XCTFail("the refusal was not reported")
        } catch let skip as XCTSkip {
            XCTAssertTrue("\(skip)".contains("materialized views disabled"), "\(skip)")
        }
    }
}
