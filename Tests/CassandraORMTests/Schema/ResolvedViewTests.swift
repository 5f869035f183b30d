import Foundation
import XCTest
@testable import CassandraORM

final class ResolvedViewTests: XCTestCase {
    private let scoreFields: [String: FieldDefinition] = [
        "game": "text", "season": "int", "player": "text", "points": "int", "tags": "set<text>", "span": "duration",
        "id": "uuid", "at": "timestamp", "data": "blob", "ratio": "double", "email": .init(type: "text", unique: true),
    ]

    private func scores(_ views: [String: MaterializedViewDefinition], fields: [String: FieldDefinition]? = nil) throws -> ResolvedSchema {
        try ResolvedSchema(ModelSchema("scores", fields: fields ?? scoreFields, key: [["game", "season"], "player"], materializedViews: views))
    }

    private func assertInvalid(_ views: [String: MaterializedViewDefinition], fields: [String: FieldDefinition]? = nil,
                               code: ORMError.Code = .invalidSchema, field: String?, _ fragment: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try scores(views, fields: fields), file: file, line: line) { error in
            guard let error = error as? ORMError else { return XCTFail("not an ORMError: \(error)", file: file, line: line) }
            XCTAssertEqual(error.code, code, file: file, line: line)
            XCTAssertEqual(error.field, field, file: file, line: line)
            XCTAssertEqual(error.table, code == .invalidSchema ? "scores" : nil, file: file, line: line)
            XCTAssertTrue(error.message.contains(fragment), "\(error.message) lacks \(fragment)", file: file, line: line)
        }
    }

    func testAViewResolvesToATableWithTheViewKeyAndItsKeyFieldsSelectedFirst() throws {
        let schema = try scores(["by_points": .init(select: ["tags", "points"], key: [["game", "season"], "points", "player"],
                                                     clusteringOrder: ["points": .desc])])
        let view = try XCTUnwrap(schema.views.first)
        XCTAssertEqual(view.name, "by_points")
        XCTAssertEqual(view.base, "scores")
        XCTAssertFalse(view.selectsAll)
        XCTAssertEqual(view.schema.table, "by_points")
        XCTAssertEqual(view.schema.partitionKey, ["game", "season"])
        XCTAssertEqual(view.schema.clustering, ["points", "player"])
        XCTAssertEqual(view.schema.orderedColumns, ["game", "season", "points", "player", "tags"])
        XCTAssertEqual(view.schema.columns["points"]?.order, .desc)
        XCTAssertEqual(view.schema.columns["player"]?.order, .asc)
        XCTAssertEqual(view.schema.columns["tags"]?.type, .set(.native("text")))
        XCTAssertTrue(view.schema.indexes.isEmpty)
        XCTAssertTrue(view.schema.uniqueFields.isEmpty, "the view is read-only: no unique lookups")
        XCTAssertEqual(view.relations.map { $0.text(quoting: { $0 }) },
                       ["game IS NOT NULL", "season IS NOT NULL", "points IS NOT NULL", "player IS NOT NULL"])
    }

    func testSelectAllTakesEveryFieldAndTheStarSpellingMeansAll() throws {
        XCTAssertEqual(["*"] as MaterializedViewDefinition.Selection, .all)
        XCTAssertEqual(["a", "b"] as MaterializedViewDefinition.Selection, .fields(["a", "b"]))
        let schema = try scores(["by_player": .init(select: ["*"], key: ["player", "game", "season"])])
        let view = schema.views[0]
        XCTAssertTrue(view.selectsAll)
        XCTAssertEqual(view.schema.orderedColumns, ["player", "game", "season", "at", "data", "email", "id", "points", "ratio", "span", "tags"])
        XCTAssertEqual(view.schema.partitionKey, ["player"])
    }

    func testViewsAreResolvedInNameOrder() throws {
        let schema = try scores(["b_view": .init(key: ["player", "game", "season"]), "a_view": .init(key: ["season", "game", "player"])])
        XCTAssertEqual(schema.views.map(\.name), ["a_view", "b_view"])
    }

    func testFiltersBecomeLiteralRelationsOnPrimaryKeyFields() throws {
        let fields: [String: FieldDefinition] = ["k": "text", "n": "int", "u": "uuid", "t": "timestamp", "b": "blob", "d": "double",
                                                 "ok": "boolean", "v": "text"]
        let id = UUID(uuidString: "6F1C2D3E-0000-4000-8000-00000000ABCD")!
        let schema = try ResolvedSchema(ModelSchema("f", fields: fields, key: [["k", "n"], "u", "t", "b", "d", "ok"], materializedViews: [
            "f_view": .init(key: ["n", "k", "u", "t", "b", "d", "ok"], filters: [
                "k": ["$in": ["a", "b c"]], "n": ["$gte": 3, "$lt": 10], "u": .uuid(id), "t": .date(Date(timeIntervalSince1970: 1.5)),
                "b": .bytes([0x0A, 0xFF]), "d": 2, "ok": true,
            ]),
        ]))
        let filters = schema.views[0].relations.dropFirst(7).map { $0.text(quoting: { $0 }) }
        XCTAssertEqual(filters, [
            "b = 0x0aff", "d = 2.0", "k IN ('a', 'b c')", "n >= 3", "n < 10", "ok = true", "t = 1500",
            "u = 6f1c2d3e-0000-4000-8000-00000000abcd",
        ])
    }

    func testInvalidViewsAreRefusedWithPreciseErrors() {
        assertInvalid(["bad-name": .init(key: ["player", "game", "season"])], code: .invalidIdentifier, field: nil, "materialized view name 'bad-name'")
        assertInvalid(["scores": .init(key: ["player", "game", "season"])], field: nil, "cannot have the name of its table")
        assertInvalid(["scores_by_email": .init(key: ["player", "game", "season"])], field: "email", "lookup table of unique field 'email'")
        assertInvalid(["v": .init(key: [])], field: nil, "the key is empty")
        assertInvalid(["v": .init(key: ["player", ["game", "season"]])], field: nil, "only the first key element")
        assertInvalid(["v": .init(key: ["player", "game", "season", "player"])], field: "player", "names 'player' twice")
        assertInvalid(["v": .init(key: ["nope", "player", "game", "season"])], field: "nope", "'nope', which is not a field of 'scores'")
        assertInvalid(["v": .init(key: ["points", "game"])], field: "season", "every primary key field of 'scores'; add 'season', 'player'")
        assertInvalid(["v": .init(key: ["points", "game", "season", "player", "id"])], field: "id",
                      "at most one field outside the primary key of 'scores'; it holds 'points', 'id'")
        assertInvalid(["v": .init(key: ["tags", "game", "season", "player"])], field: "tags", "cannot be in a view key")
        assertInvalid(["v": .init(key: ["span", "game", "season", "player"])], field: "span", "cannot be in a view key")
        assertInvalid(["v": .init(key: ["player", "game", "season"], clusteringOrder: ["player": .desc])], field: "player",
                      "'player', which is not a clustering field of the view")
        assertInvalid(["v": .init(select: ["points", "missing"], key: ["player", "game", "season"])], field: "missing",
                      "select names 'missing'")
        assertInvalid(["v": .init(key: ["player", "game", "season"], filters: ["points": ["$gt": 3]])], field: "points",
                      "only primary key fields of 'scores'")
        assertInvalid(["v": .init(key: ["player", "game", "season"], filters: ["season": ["$ne": 3]])], field: "season",
                      "not $ne")
        assertInvalid(["v": .init(key: ["player", "game", "season"], filters: ["season": ["$token": ["$gt": 3]]])], field: "season",
                      "not $token")
        assertInvalid(["v": .init(key: ["player", "game", "season"], filters: ["season": ["$bogus": 3]])], field: "season",
                      "filters: unknown operator '$bogus'")
        assertInvalid(["v": .init(key: ["player", "game", "season"], filters: ["season": "three"])], field: "season", "is not a literal of type int")
        assertInvalid(["v": .init(key: ["player", "game", "season"], filters: ["season": nil])], field: "season", "is not a literal of type int")
        assertInvalid(["v": .init(key: ["player", "game", "season"], filters: ["season": ["$in": []]])], field: "season", "at least one value")
        assertInvalid(["v": .init(key: ["player", "game", "season"], filters: ["game": "it's"])], field: "game", "contains a single quote")
    }

    func testStaticFieldsAndCounterTablesAreRefused() {
        var fields = scoreFields
        fields["owner"] = .init(type: "text", isStatic: true)
        assertInvalid(["v": .init(key: ["player", "game", "season"])], fields: fields, field: "owner", "has static fields (owner)")
        assertInvalid(["v": .init(select: ["owner"], key: ["player", "game", "season"])], fields: fields, field: "owner",
                      "static field 'owner' cannot be selected")
        assertInvalid(["v": .init(select: ["points"], key: ["owner", "player", "game", "season"])], fields: fields, field: "owner",
                      "static field 'owner' cannot be in a view key")
        XCTAssertThrowsError(try ResolvedSchema(ModelSchema("hits", fields: ["page": "text", "n": "counter"], key: ["page"],
                                                            materializedViews: ["v": .init(key: ["page"])]))) { error in
            XCTAssertTrue((error as? ORMError)?.message.contains("counter tables") ?? false)
        }
    }

    func testReadsThroughAViewAreValidatedAgainstTheViewKey() throws {
        let schema = try scores(["by_player": .init(select: ["points"], key: ["player", "game", "season"], clusteringOrder: ["game": .desc])])
        let view = QueryBuilder(schema: schema.views[0].schema, keyspace: "shop")
        XCTAssertEqual(try view.select(["player": "ann"], options: .init(orderBy: ["game": .asc, "season": .desc])).cql,
                       #"SELECT * FROM "shop"."by_player" WHERE "player" = ? ORDER BY "game" ASC, "season" DESC"#)
        XCTAssertThrowsError(try view.select(["game": "chess", "season": 2024], options: .init())) { error in
            XCTAssertEqual((error as? ORMError)?.code, .filteringRequired, "the table's partition key is a clustering key of the view")
        }
        XCTAssertThrowsError(try view.select(["player": "ann"], options: .init(orderBy: ["season": .asc]))) { error in
            XCTAssertEqual((error as? ORMError)?.code, .invalidQuery)
        }
        XCTAssertThrowsError(try view.select(["player": "ann"], options: .init(select: ["tags"]))) { error in
            XCTAssertEqual((error as? ORMError)?.code, .unknownField, "the view does not select tags")
        }
        let table = QueryBuilder(schema: schema, keyspace: "shop")
        XCTAssertThrowsError(try table.select(["player": "ann"], options: .init())) { error in
            XCTAssertEqual((error as? ORMError)?.code, .filteringRequired, "the table itself is not keyed by player")
        }
    }
}
