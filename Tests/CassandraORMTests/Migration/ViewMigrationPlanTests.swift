import XCTest
@testable import CassandraORM

/// Materialized views in migration plans: their DDL, their comparison with
/// `system_schema.views`, and the order of statements around them.
final class ViewMigrationPlanTests: XCTestCase {
    private let userFields: [String: FieldDefinition] = ["id": "uuid", "email": "text", "name": "text", "age": "int"]
    private let byEmail = MaterializedViewDefinition(select: ["name"], key: ["email", "id"])
    private let byAge = MaterializedViewDefinition(key: ["age", "id"], clusteringOrder: ["id": .desc])

    private func users(_ fields: [String: FieldDefinition]? = nil, views: [String: MaterializedViewDefinition]? = nil) throws -> ResolvedSchema {
        try ResolvedSchema(ModelSchema("users", fields: fields ?? userFields, key: ["id"], indexes: ["name"],
                                       materializedViews: views ?? ["users_by_email": byEmail, "users_by_age": byAge]))
    }

    /// The table and views of `schema` as `system_schema` would describe them.
    private func existing(_ schema: ResolvedSchema) -> (TableDescription, [ViewDescription]) {
        (TableDescription(expected: schema), schema.views.map(ViewDescription.init(expected:)))
    }

    private let createByAge = #"CREATE MATERIALIZED VIEW IF NOT EXISTS "shop"."users_by_age" AS SELECT * FROM "shop"."users" WHERE "age" IS NOT NULL AND "id" IS NOT NULL PRIMARY KEY (("age"), "id") WITH CLUSTERING ORDER BY ("id" DESC)"#
    private let createByEmail = #"CREATE MATERIALIZED VIEW IF NOT EXISTS "shop"."users_by_email" AS SELECT "email", "id", "name" FROM "shop"."users" WHERE "email" IS NOT NULL AND "id" IS NOT NULL PRIMARY KEY (("email"), "id") WITH CLUSTERING ORDER BY ("id" ASC)"#

    func testAMissingTableIsCreatedBeforeItsIndexesAndViews() throws {
        let plan = try MigrationPlan.make(try users(), keyspace: "shop", actual: nil, mode: .safe)
        XCTAssertEqual(plan.differences, [.tableMissing(table: "users")])
        XCTAssertEqual(plan.statements, [
            #"CREATE TABLE IF NOT EXISTS "shop"."users" ("id" uuid, "age" int, "email" text, "name" text, PRIMARY KEY (("id")))"#,
            #"CREATE INDEX IF NOT EXISTS "users_name_idx" ON "shop"."users" ("name")"#,
            createByAge,
            createByEmail,
        ])
    }

    func testCompositeKeysAndFiltersAreWrittenIntoTheView() throws {
        let scores = try ResolvedSchema(ModelSchema("scores", fields: ["game": "text", "season": "int", "player": "text", "points": "int"],
                                                    key: [["game", "season"], "player"], materializedViews: [
            "recent": .init(select: ["points"], key: [["player", "game"], "season"], clusteringOrder: ["season": .desc],
                            filters: ["season": ["$gte": 2024], "game": ["$in": ["chess", "go"]]]),
        ]))
        XCTAssertEqual(DDL(schema: scores, keyspace: "shop").createView(scores.views[0]),
                       #"CREATE MATERIALIZED VIEW IF NOT EXISTS "shop"."recent" AS SELECT "player", "game", "season", "points" FROM "shop"."scores" WHERE "player" IS NOT NULL AND "game" IS NOT NULL AND "season" IS NOT NULL AND "game" IN ('chess', 'go') AND "season" >= 2024 PRIMARY KEY (("player", "game"), "season") WITH CLUSTERING ORDER BY ("season" DESC)"#)
        let clusterless = try ResolvedSchema(ModelSchema("t", fields: ["a": "int", "b": "int"], key: ["a"],
                                                         materializedViews: ["t_by_ab": .init(key: [["b", "a"]])]))
        XCTAssertEqual(DDL(schema: clusterless, keyspace: "shop").createView(clusterless.views[0]),
                       #"CREATE MATERIALIZED VIEW IF NOT EXISTS "shop"."t_by_ab" AS SELECT * FROM "shop"."t" WHERE "b" IS NOT NULL AND "a" IS NOT NULL PRIMARY KEY (("b", "a"))"#)
        XCTAssertEqual(DDL(schema: clusterless, keyspace: "shop").dropView("t_by_ab"), #"DROP MATERIALIZED VIEW IF EXISTS "shop"."t_by_ab""#)
    }

    func testViewsAsCassandraDescribesThemMatchTheirSchema() throws {
        let schema = try users()
        let text: [(name: String, kind: String, position: Int, type: String, order: String)] = [
            ("email", "partition_key", 0, "text", "none"), ("id", "clustering", 0, "uuid", "asc"), ("name", "regular", -1, "text", "none"),
        ]
        let all: [(name: String, kind: String, position: Int, type: String, order: String)] = [
            ("age", "partition_key", 0, "int", "none"), ("id", "clustering", 0, "uuid", "desc"), ("email", "regular", -1, "text", "none"),
            ("name", "regular", -1, "text", "none"),
        ]
        let views = [
            ViewDescription.fromSystemSchema(name: "users_by_email", base: "users", includesAllColumns: false,
                                             whereClause: "email IS NOT NULL AND id IS NOT NULL", columnRows: text),
            ViewDescription.fromSystemSchema(name: "users_by_age", base: "users", includesAllColumns: true,
                                             whereClause: "id IS NOT NULL AND \"age\" IS NOT NULL", columnRows: all),
        ]
        let plan = try MigrationPlan.make(schema, keyspace: "shop", actual: TableDescription(expected: schema), views: views, mode: .safe)
        XCTAssertTrue(plan.isEmpty, "\(plan.differences)")
        XCTAssertEqual(plan.differences, [])
    }

    func testWhereClausesSplitAtTopLevelAndsWithoutIdentifierQuotes() {
        XCTAssertEqual(ViewDescription.relations(of: #""Email" IS NOT NULL AND id IS NOT NULL AND k IN ('a AND b', 'it''s') AND "we""ird" = 1"#),
                       ["Email IS NOT NULL", "id IS NOT NULL", "k IN ('a AND b', 'it''s')", "we\"ird = 1"])
        XCTAssertEqual(ViewDescription.relations(of: ""), [])
    }

    func testSafeRefusesEveryViewDifferenceListingThem() throws {
        let (table, views) = existing(try users(views: [
            "users_by_email": .init(select: ["name", "age"], key: ["email", "id"]),
            "users_by_age": .init(key: ["age", "id"]),
            "users_by_name": .init(key: ["name", "id"]),
        ]))
        let wanted = try users(views: [
            "users_by_email": .init(select: ["name"], key: [["email", "id"]]),
            "users_by_age": byAge,
            "users_adults": .init(key: ["id", "age"], filters: ["id": ["$gt": .uuid(UUID(uuidString: "00000000-0000-4000-8000-000000000000")!)]]),
        ])
        XCTAssertThrowsError(try MigrationPlan.make(wanted, keyspace: "shop", actual: table, views: views, mode: .safe)) { error in
            guard let error = error as? ORMError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.code, .migrationRefused)
            XCTAssertEqual(error.differences, [
                .viewMissing(name: "users_adults"),
                .viewClusteringOrderChanged(name: "users_by_age", column: "id", expected: .desc, actual: .asc),
                .viewColumnsChanged(name: "users_by_email", expected: "email, id, name", actual: "age, email, id, name"),
                .viewKeyChanged(name: "users_by_email", expected: "((email, id))", actual: "((email), id)"),
                .viewExtra(name: "users_by_name"),
            ])
            XCTAssertTrue(error.message.contains("materialized view 'users_by_name' is not in the schema"), error.message)
            XCTAssertTrue(error.message.contains("materialized view 'users_by_email' has primary key ((email), id), the schema says ((email, id))"),
                          error.message)
        }
    }

    func testAChangedFilterIsADifference() throws {
        let schema = try users(views: ["users_by_email": byEmail])
        var (table, views) = existing(schema)
        views[0].relations.append("id > 00000000-0000-4000-8000-000000000000")
        let plan = try MigrationPlan.make(schema, keyspace: "shop", actual: table, views: views, mode: .alter)
        XCTAssertEqual(plan.differences, [.viewFilterChanged(
            name: "users_by_email", expected: "email IS NOT NULL AND id IS NOT NULL",
            actual: "email IS NOT NULL AND id IS NOT NULL AND id > 00000000-0000-4000-8000-000000000000")])
        XCTAssertEqual(plan.statements, [#"DROP MATERIALIZED VIEW IF EXISTS "shop"."users_by_email""#, createByEmail])
    }

    func testAlterRecreatesChangedViewsDropsUndeclaredOnesAndCreatesMissingOnes() throws {
        let (table, views) = existing(try users(views: ["users_by_email": .init(key: ["email", "id"]), "users_by_name": .init(key: ["name", "id"])]))
        for mode in [MigrationMode.alter, .drop] {
            let plan = try MigrationPlan.make(try users(), keyspace: "shop", actual: table, views: views, mode: mode)
            XCTAssertEqual(plan.differences, [
                .viewMissing(name: "users_by_age"),
                .viewColumnsChanged(name: "users_by_email", expected: "email, id, name", actual: "*"),
                .viewExtra(name: "users_by_name"),
            ])
            XCTAssertEqual(plan.statements, [
                #"DROP MATERIALIZED VIEW IF EXISTS "shop"."users_by_email""#,
                #"DROP MATERIALIZED VIEW IF EXISTS "shop"."users_by_name""#,
                createByAge,
                createByEmail,
            ], "\(mode)")
        }
    }

    func testDroppingAColumnDropsEveryViewFirstAndRecreatesTheDeclaredOnes() throws {
        var oldFields = userFields
        oldFields["gone"] = "text"
        let (table, views) = existing(try users(oldFields))
        let plan = try MigrationPlan.make(try users(), keyspace: "shop", actual: table, views: views, mode: .alter)
        XCTAssertEqual(plan.differences, [.columnExtra(name: "gone", type: "text")],
                       "a SELECT * view follows its table's columns: no view difference")
        XCTAssertEqual(plan.statements, [
            #"DROP MATERIALIZED VIEW IF EXISTS "shop"."users_by_age""#,
            #"DROP MATERIALIZED VIEW IF EXISTS "shop"."users_by_email""#,
            #"ALTER TABLE "shop"."users" DROP "gone""#,
            createByAge,
            createByEmail,
        ])
    }

    func testAddingAColumnKeepsUnchangedViewsAndRecreatesOnesThatSelectIt() throws {
        let (table, views) = existing(try users(views: ["users_by_email": byEmail, "users_by_age": byAge]))
        var newFields = userFields
        newFields["nick"] = "text"
        let plan = try MigrationPlan.make(try users(newFields, views: ["users_by_email": .init(select: ["name", "nick"], key: ["email", "id"]),
                                                                 "users_by_age": byAge]),
                                          keyspace: "shop", actual: table, views: views, mode: .alter)
        XCTAssertEqual(plan.statements, [
            #"DROP MATERIALIZED VIEW IF EXISTS "shop"."users_by_email""#,
            #"ALTER TABLE "shop"."users" ADD "nick" text"#,
            #"CREATE MATERIALIZED VIEW IF NOT EXISTS "shop"."users_by_email" AS SELECT "email", "id", "name", "nick" FROM "shop"."users" WHERE "email" IS NOT NULL AND "id" IS NOT NULL PRIMARY KEY (("email"), "id") WITH CLUSTERING ORDER BY ("id" ASC)"#,
        ])
    }

    func testRecreatingTheTableDropsItsViewsFirst() throws {
        let (table, views) = existing(try users())
        let retyped = try users(["id": "uuid", "email": "text", "name": "text", "age": "bigint"])
        XCTAssertThrowsError(try MigrationPlan.make(retyped, keyspace: "shop", actual: table, views: views, mode: .alter)) { error in
            XCTAssertEqual((error as? ORMError)?.code, .migrationRefused)
        }
        let plan = try MigrationPlan.make(retyped, keyspace: "shop", actual: table, views: views, mode: .drop)
        XCTAssertEqual(plan.statements, [
            #"DROP MATERIALIZED VIEW IF EXISTS "shop"."users_by_age""#,
            #"DROP MATERIALIZED VIEW IF EXISTS "shop"."users_by_email""#,
            #"DROP TABLE IF EXISTS "shop"."users""#,
            #"CREATE TABLE IF NOT EXISTS "shop"."users" ("id" uuid, "age" bigint, "email" text, "name" text, PRIMARY KEY (("id")))"#,
            #"CREATE INDEX IF NOT EXISTS "users_name_idx" ON "shop"."users" ("name")"#,
            #"CREATE MATERIALIZED VIEW IF NOT EXISTS "shop"."users_by_age" AS SELECT * FROM "shop"."users" WHERE "age" IS NOT NULL AND "id" IS NOT NULL PRIMARY KEY (("age"), "id") WITH CLUSTERING ORDER BY ("id" DESC)"#,
            createByEmail,
        ])
    }

    func testAViewNameTakenByAnotherTablesViewIsRefusedInEveryMode() throws {
        let schema = try users()
        var foreign = ViewDescription(expected: schema.views[1])
        foreign.base = "admins"
        for mode in [MigrationMode.safe, .alter, .drop] {
            XCTAssertThrowsError(try MigrationPlan.make(schema, keyspace: "shop", actual: nil, views: [foreign], mode: mode)) { error in
                let error = error as? ORMError
                XCTAssertEqual(error?.code, .migrationRefused)
                XCTAssertEqual(error?.message.contains("'users_by_email' exists as a view of table 'admins'"), true, error?.message ?? "")
            }
        }
    }
}
