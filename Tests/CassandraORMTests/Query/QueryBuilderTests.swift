import CQLProtocol
import XCTest
@testable import CassandraORM

final class QueryBuilderTests: XCTestCase {
    private func select(_ query: [String: ORMValue], _ options: FindOptions = .init(), schema: ResolvedSchema? = nil) throws -> BuiltStatement {
        try Fixtures.builder(schema ?? Fixtures.customers()).select(query, options: options)
    }

    private func values(_ statement: BuiltStatement) -> [ORMValue] { statement.binds.map(\.value) }

    func testPrimaryKeyEqualityBindsTheValue() throws {
        let id = UUID()
        let statement = try select(["id": .uuid(id)])
        XCTAssertEqual(statement.cql, #"SELECT * FROM "shop"."customers" WHERE "id" = ?"#)
        XCTAssertEqual(values(statement), [.uuid(id)])
        XCTAssertEqual(statement.binds.map(\.field), ["id"])
    }

    func testEveryComparisonOperator() throws {
        let cases: [(String, String)] = [("$eq", "="), ("$ne", "!="), ("$gt", ">"), ("$gte", ">="), ("$lt", "<"), ("$lte", "<=")]
        for (op, cql) in cases {
            let statement = try select(["rating": [op: 4.5]], .init(allowFiltering: true))
            XCTAssertEqual(statement.cql, #"SELECT * FROM "shop"."customers" WHERE "rating" \#(cql) ? ALLOW FILTERING"#)
            XCTAssertEqual(values(statement), [4.5])
        }
    }

    func testInContainsContainsKeyAndLike() throws {
        XCTAssertEqual(try select(["id": ["$in": [.uuid(UUID()), .uuid(UUID())]]]).cql, #"SELECT * FROM "shop"."customers" WHERE "id" IN ?"#)
        let contains = try select(["tags": ["$contains": "vip"]], .init(allowFiltering: true))
        XCTAssertEqual(contains.cql, #"SELECT * FROM "shop"."customers" WHERE "tags" CONTAINS ? ALLOW FILTERING"#)
        XCTAssertEqual(values(contains), ["vip"])
        XCTAssertEqual(try select(["address": ["$contains_key": "city"]]).cql,
                       #"SELECT * FROM "shop"."customers" WHERE "address" CONTAINS KEY ?"#)
        XCTAssertEqual(try select(["body": ["$like": "%x%"], "tenant": "a", "day": 1], schema: Fixtures.events()).cql,
                       #"SELECT * FROM "shop"."events" WHERE "tenant" = ? AND "day" = ? AND "body" LIKE ?"#)
    }

    func testTokenRestrictsTheWholePartitionKey() throws {
        let single = try select(["id": ["$token": ["$gt": .uuid(UUID())]]])
        XCTAssertEqual(single.cql, #"SELECT * FROM "shop"."customers" WHERE token("id") > token(?)"#)
        let composite = try select(["tenant": ["$token": ["$gte": ["a", 1], "$lt": ["b", 2]]]], schema: Fixtures.events())
        XCTAssertEqual(composite.cql,
                       #"SELECT * FROM "shop"."events" WHERE token("tenant", "day") >= token(?, ?) AND token("tenant", "day") < token(?, ?)"#)
        XCTAssertEqual(values(composite), ["a", 1, "b", 2])
        XCTAssertEqual(composite.binds.map(\.field), ["tenant", "day", "tenant", "day"])
        XCTAssertThrowsError(try select(["name": ["$token": ["$gt": "x"]]]))
    }

    func testAndCombinesQueriesInKeyOrder() throws {
        let statement = try select(["$and": [["seq": ["$gt": 3]], ["tenant": "t", "day": 7], ["at": 100]]], schema: Fixtures.events())
        XCTAssertEqual(statement.cql, #"SELECT * FROM "shop"."events" WHERE "tenant" = ? AND "day" = ? AND "at" = ? AND "seq" > ?"#)
        XCTAssertEqual(values(statement), ["t", 7, 100, 3])
    }

    func testOptionsAreBoundInOrder() throws {
        let statement = try select(["tenant": "t", "day": 1],
                                   .init(select: ["at", "body"], limit: 10, perPartitionLimit: 2, orderBy: ["at": .asc, "seq": .desc],
                                         allowFiltering: true), schema: Fixtures.events())
        XCTAssertEqual(statement.cql,
                       #"SELECT "at", "body" FROM "shop"."events" WHERE "tenant" = ? AND "day" = ? ORDER BY "at" ASC, "seq" DESC PER PARTITION LIMIT ? LIMIT ? ALLOW FILTERING"#)
        XCTAssertEqual(values(statement), ["t", 1, 2, 10])
    }

    func testCountUsesTheSameWhere() throws {
        let statement = try Fixtures.builder(Fixtures.customers()).count(["name": "Ada"], options: .init())
        XCTAssertEqual(statement.cql, #"SELECT COUNT(*) FROM "shop"."customers" WHERE "name" = ?"#)
    }

    func testInsertListsColumnsInSchemaOrderWithUsingAndIfNotExists() throws {
        let id = UUID()
        let statement = try Fixtures.builder(Fixtures.customers()).insert(["name": "Ada", "id": .uuid(id), "email": nil],
                                                                           options: .init(ifNotExists: true, ttl: 60, timestamp: 1234))
        XCTAssertEqual(statement.cql,
                       #"INSERT INTO "shop"."customers" ("id", "email", "name") VALUES (?, ?, ?) IF NOT EXISTS USING TTL ? AND TIMESTAMP ?"#)
        XCTAssertEqual(values(statement), [.uuid(id), nil, "Ada", 60, 1234])
        XCTAssertTrue(statement.isConditional)
    }

    func testUpdateWithCollectionOperatorsAndConditions() throws {
        let id = UUID()
        let statement = try Fixtures.builder(Fixtures.customers()).update(
            where: ["id": .uuid(id)],
            set: ["tags": ["$add": ["a"]], "address": ["$remove": ["zip"]], "history": ["$prepend": [1]], "name": "Bo"],
            options: .init(conditions: ["rating": ["$gt": 3]], ttl: 5))
        XCTAssertEqual(statement.cql,
                       #"UPDATE "shop"."customers" USING TTL ? SET "address" = "address" - ?, "history" = ? + "history", "name" = ?, "tags" = "tags" + ? WHERE "id" = ? IF "rating" > ?"#)
        XCTAssertEqual(values(statement), [5, ["zip"], [1], "Bo", ["a"], .uuid(id), 3])
        let append = try Fixtures.builder(Fixtures.customers()).update(where: ["id": .uuid(id)], set: ["history": ["$append": [2]]],
                                                                        options: .init(ifExists: true))
        XCTAssertEqual(append.cql, #"UPDATE "shop"."customers" SET "history" = "history" + ? WHERE "id" = ? IF EXISTS"#)
    }

    func testCounterIncrementAndDecrement() throws {
        let schema = try ResolvedSchema(ModelSchema("hits", fields: ["page": "text", "views": "counter"], key: ["page"]))
        let statement = try Fixtures.builder(schema).update(where: ["page": "/"], set: ["views": ["$incr": 2]], options: .init())
        XCTAssertEqual(statement.cql, #"UPDATE "shop"."hits" SET "views" = "views" + ? WHERE "page" = ?"#)
        let decrement = try Fixtures.builder(schema).update(where: ["page": "/"], set: ["views": ["$decr": 1]], options: .init())
        XCTAssertEqual(decrement.cql, #"UPDATE "shop"."hits" SET "views" = "views" - ? WHERE "page" = ?"#)
        XCTAssertThrowsError(try Fixtures.builder(schema).update(where: ["page": "/"], set: ["views": 3], options: .init()))
    }

    func testDeleteByPartitionOrClusteringRange() throws {
        let statement = try Fixtures.builder(Fixtures.events()).delete(where: ["tenant": "t", "day": 1, "at": ["$lt": 5]],
                                                                        options: .init(timestamp: 9))
        XCTAssertEqual(statement.cql, #"DELETE FROM "shop"."events" USING TIMESTAMP ? WHERE "tenant" = ? AND "day" = ? AND "at" < ?"#)
        XCTAssertEqual(values(statement), [9, "t", 1, 5])
        XCTAssertThrowsError(try Fixtures.builder(Fixtures.events()).delete(where: ["tenant": "t"], options: .init())) { error in
            XCTAssertEqual((error as? ORMError)?.code, .missingPrimaryKey)
        }
    }

    func testValuesNeverAppearInTheText() throws {
        let statement = try select(["name": "Robert'); DROP TABLE customers;--"])
        XCTAssertFalse(statement.cql.contains("DROP"))
        XCTAssertEqual(statement.binds.count, 1)
    }

    func testReadBindsOfACachedShapeMatchTheBuiltStatement() throws {
        let cases: [([String: ORMValue], FindOptions, ResolvedSchema)] = [
            (["id": .uuid(UUID())], .init(limit: 1), try Fixtures.customers()),
            (["id": ["$in": [.uuid(UUID()), .uuid(UUID())]], "rating": ["$gt": 1]], .init(allowFiltering: true), try Fixtures.customers()),
            (["tenant": "a", "day": 1, "at": ["$gte": .date(Date(timeIntervalSince1970: 5))]],
             .init(limit: 3, perPartitionLimit: 2), try Fixtures.events()),
            (["tenant": ["$token": ["$gte": ["a", 1], "$lt": ["b", 2]]]], .init(limit: 9), try Fixtures.events()),
            (["$and": [["day": 1], ["tenant": "x"]]], .init(), try Fixtures.events()),
        ]
        for (query, options, schema) in cases {
            let builder = Fixtures.builder(schema)
            let ordered = builder.ordered(try QueryParser.restrictions(query, table: schema.table))
            XCTAssertEqual(try builder.readBinds(ordered, options: options), try builder.select(query, options: options).binds)
        }
    }

    func testReadBindsRecheckWhatDependsOnValues() throws {
        let builder = Fixtures.builder(try Fixtures.events())
        let badToken = builder.ordered(try QueryParser.restrictions(["tenant": ["$token": ["$gt": ["a"]]]], table: "events"))
        XCTAssertThrowsError(try builder.readBinds(badToken, options: .init())) { XCTAssertEqual(($0 as? ORMError)?.code, .invalidQuery) }
        let key = builder.ordered(try QueryParser.restrictions(["tenant": "a", "day": 1], table: "events"))
        XCTAssertThrowsError(try builder.readBinds(key, options: .init(limit: 0))) { XCTAssertEqual(($0 as? ORMError)?.code, .invalidQuery) }
        XCTAssertThrowsError(try builder.readBinds(key, options: .init(perPartitionLimit: -1))) {
            XCTAssertEqual(($0 as? ORMError)?.code, .invalidQuery)
        }
    }

    func testALimitOfOneIsTextAndOtherLimitsAreBound() throws {
        let id = ORMValue.uuid(UUID())
        let one = try select(["id": id], .init(limit: 1))
        XCTAssertEqual(one.cql, #"SELECT * FROM "shop"."customers" WHERE "id" = ? LIMIT 1"#)
        XCTAssertEqual(values(one), [id])
        let ten = try select(["id": id], .init(limit: 10))
        XCTAssertEqual(ten.cql, #"SELECT * FROM "shop"."customers" WHERE "id" = ? LIMIT ?"#)
        XCTAssertEqual(values(ten), [id, 10])
        XCTAssertEqual(ten.binds.last?.field, "[limit]")
        XCTAssertThrowsError(try select(["id": id], .init(limit: 0))) { XCTAssertEqual(($0 as? ORMError)?.code, .invalidQuery) }
    }

    func testSelectOfRestrictionsMatchesTheQueryObject() throws {
        let builder = Fixtures.builder(try Fixtures.events())
        let restrictions = [Restriction(field: "seq", op: .gt, value: 3), Restriction(field: "day", op: .eq, value: 1),
                            Restriction(field: "tenant", op: .eq, value: "a"), Restriction(field: "at", op: .eq, value: 2)]
        let statement = try builder.select(restrictions: restrictions, options: .init(limit: 5))
        XCTAssertEqual(statement, try builder.select(["tenant": "a", "day": 1, "at": 2, "seq": ["$gt": 3]], options: .init(limit: 5)))
        XCTAssertEqual(builder.orderedIndices(restrictions), [2, 1, 3, 0], "partition key, clustering, in key order")
        XCTAssertEqual(builder.ordered(restrictions).map(\.field), ["tenant", "day", "at", "seq"])
    }

    func testInsertTextIsTheTextOfInsert() throws {
        let builder = Fixtures.builder(try Fixtures.customers())
        let values: [String: ORMValue] = ["id": .uuid(UUID()), "name": "n", "rating": 1]
        for options in [SaveOptions(), .init(ifNotExists: true), .init(ttl: 5), .init(timestamp: 7), .init(ifNotExists: true, ttl: 1, timestamp: 2)] {
            let statement = try builder.insert(values, options: options)
            XCTAssertEqual(builder.insertText(["id", "name", "rating"], options: options), statement.cql)
        }
    }
}
