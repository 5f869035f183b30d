import XCTest
@testable import CassandraORM

final class SchemaDiffTests: XCTestCase {
    private func schema(_ fields: [String: FieldDefinition], key: [KeyPart] = ["id"], order: [String: SortDirection] = [:],
                        indexes: [IndexDefinition] = []) throws -> ResolvedSchema {
        try ResolvedSchema(ModelSchema("items", fields: fields, key: key, clusteringOrder: order, indexes: indexes))
    }

    private func existing(_ schema: ResolvedSchema) -> TableDescription { TableDescription(expected: schema) }

    func testMissingTableIsCreatedWithIndexes() throws {
        let items = try schema(["id": "uuid", "c": "int", "name": "text", "s": .init(type: "text", isStatic: true)], key: ["id", "c"],
                               order: ["c": .desc], indexes: ["name", .sai("c")])
        let plan = try MigrationPlan.make(items, keyspace: "shop", actual: nil, mode: .safe)
        XCTAssertEqual(plan.differences, [.tableMissing(table: "items")])
        XCTAssertEqual(plan.statements, [
            #"CREATE TABLE IF NOT EXISTS "shop"."items" ("id" uuid, "c" int, "name" text, "s" text STATIC, PRIMARY KEY (("id"), "c")) WITH CLUSTERING ORDER BY ("c" DESC)"#,
            #"CREATE INDEX IF NOT EXISTS "items_name_idx" ON "shop"."items" ("name")"#,
            #"CREATE INDEX IF NOT EXISTS "items_c_idx" ON "shop"."items" ("c") USING 'StorageAttachedIndex'"#,
        ])
    }

    func testMatchingTableNeedsNothing() throws {
        let items = try schema(["id": "uuid", "tags": "list<map<text, int>>"], indexes: ["tags"])
        let actual = TableDescription.fromSystemSchema(
            columnRows: [("id", "partition_key", 0, "uuid", "none"), ("tags", "regular", -1, "list<frozen<map<text, int>>>", "none")],
            indexRows: [("items_tags_idx", "COMPOSITES", ["target": "values(tags)"])])
        XCTAssertTrue(try MigrationPlan.make(items, keyspace: "shop", actual: actual, mode: .safe).isEmpty)
    }

    func testSafeRefusesAnyDifferenceListingThem() throws {
        let old = try schema(["id": "uuid", "gone": "text"], indexes: ["gone"])
        let new = try schema(["id": "uuid", "added": "int"])
        XCTAssertThrowsError(try MigrationPlan.make(new, keyspace: "shop", actual: existing(old), mode: .safe)) { error in
            let error = error as? ORMError
            XCTAssertEqual(error?.code, .migrationRefused)
            XCTAssertEqual(error?.differences, [.columnMissing(name: "added", type: "int"), .columnExtra(name: "gone", type: "text"),
                                                .indexExtra(name: "items_gone_idx")])
        }
    }

    func testAlterAddsAndDropsColumnsAndIndexes() throws {
        let old = try schema(["id": "uuid", "gone": "text"], indexes: ["gone"])
        let new = try schema(["id": "uuid", "added": "map<text, int>", "name": "text"], indexes: ["name"])
        let plan = try MigrationPlan.make(new, keyspace: "shop", actual: existing(old), mode: .alter)
        XCTAssertEqual(plan.statements, [
            #"DROP INDEX IF EXISTS "shop"."items_gone_idx""#,
            #"ALTER TABLE "shop"."items" ADD "added" map<text, int>"#,
            #"ALTER TABLE "shop"."items" DROP "gone""#,
            #"ALTER TABLE "shop"."items" ADD "name" text"#,
            #"CREATE INDEX IF NOT EXISTS "items_name_idx" ON "shop"."items" ("name")"#,
        ])
    }

    func testKeyTypeAndOrderChangesNeedDrop() throws {
        let old = try schema(["id": "uuid", "c": "int", "v": "text"], key: ["id", "c"])
        let changes: [ResolvedSchema] = [
            try schema(["id": "uuid", "c": "int", "v": "text"], key: ["id"]),
            try schema(["id": "uuid", "c": "int", "v": "text"], key: [["id", "c"]]),
            try schema(["id": "uuid", "c": "int", "v": "int"], key: ["id", "c"]),
            try schema(["id": "uuid", "c": "int", "v": "text"], key: ["id", "c"], order: ["c": .desc]),
        ]
        for new in changes {
            XCTAssertThrowsError(try MigrationPlan.make(new, keyspace: "shop", actual: existing(old), mode: .alter)) { error in
                XCTAssertEqual((error as? ORMError)?.code, .migrationRefused)
            }
            let plan = try MigrationPlan.make(new, keyspace: "shop", actual: existing(old), mode: .drop)
            XCTAssertEqual(plan.statements.first, #"DROP TABLE IF EXISTS "shop"."items""#)
            XCTAssertTrue(plan.statements[1].hasPrefix("CREATE TABLE"))
            XCTAssertTrue(plan.differences.contains(where: \.requiresRecreate))
        }
    }

    func testIndexTargetsParse() {
        XCTAssertEqual(TableDescription.parseTarget("keys(attrs)").0, "attrs")
        XCTAssertEqual(TableDescription.parseTarget("keys(attrs)").1, .keys)
        XCTAssertEqual(TableDescription.parseTarget("\"Name\"").0, "Name")
        XCTAssertEqual(TableDescription.parseTarget("entries(m)").1, .entries)
        XCTAssertEqual(TableDescription.parseTarget("plain").1, .values)
    }

    func testUniqueLookupTables() throws {
        let lookups = try UniqueLookup.schemas(for: Fixtures.customers())
        XCTAssertEqual(lookups.map(\.table), ["customers_by_email"])
        XCTAssertEqual(lookups[0].partitionKey, ["__value"])
        XCTAssertEqual(lookups[0].columns["id"]?.type, .native("uuid"))
    }
}
