import CQLProtocol
import XCTest
@testable import CassandraORM

final class ModelSchemaTests: XCTestCase {
    func testTypeStringsParseToCanonicalText() throws {
        let cases: [(String, String)] = [
            ("text", "text"), ("VARCHAR", "text"), ("map<text,int>", "map<text, int>"), ("frozen<list<int>>", "frozen<list<int>>"),
            ("frozen<frozen<set<uuid>>>", "frozen<set<uuid>>"), ("tuple<int, text>", "frozen<tuple<int, text>>"),
            ("vector<float, 3>", "vector<float, 3>"), ("frozen<Address>", "frozen<address>"), ("list<frozen<map<text, int>>>", "list<frozen<map<text, int>>>"),
        ]
        for (text, canonical) in cases {
            XCTAssertEqual(try FieldType(parsing: text).description, canonical, text)
        }
        XCTAssertEqual(try FieldType(parsing: "list<map<text, int>>").normalized.description, "list<frozen<map<text, int>>>")
        XCTAssertEqual(try FieldType(parsing: "map<text, address>").normalized.description, "map<text, frozen<address>>")
        XCTAssertEqual(try FieldType(parsing: "map<text, int>").cqlType, .map(.text, .int))
        XCTAssertEqual(try FieldType(parsing: "vector<float, 2>").cqlType, .vector(.float, dimension: 2))
        for bad in ["map<text>", "list<", "vector<float, 0>", "int extra", ""] {
            XCTAssertThrowsError(try FieldType(parsing: bad), bad)
        }
    }

    func testKeysKindsAndTimestamps() throws {
        let schema = try ResolvedSchema(ModelSchema("posts", fields: ["a": "text", "b": "int", "c": "timeuuid", "d": .init(type: "text", isStatic: true)],
                                                    key: [["a", "b"], "c"], clusteringOrder: ["c": .desc],
                                                    options: .init(timestamps: .init(), versions: .init())))
        XCTAssertEqual(schema.partitionKey, ["a", "b"])
        XCTAssertEqual(schema.clustering, ["c"])
        XCTAssertEqual(schema.columns["c"]?.order, .desc)
        XCTAssertEqual(schema.columns["d"]?.kind, .static)
        XCTAssertEqual(schema.columns["created_at"]?.type, .native("timestamp"))
        XCTAssertEqual(schema.columns["__v"]?.type, .native("timeuuid"))
        XCTAssertEqual(schema.orderedColumns, ["a", "b", "c", "__v", "created_at", "d", "updated_at"])
    }

    func testInvalidSchemasAreRejected() {
        let invalid: [ModelSchema] = [
            ModelSchema("t", fields: ["id": "int"], key: []),
            ModelSchema("t", fields: ["id": "int"], key: ["missing"]),
            ModelSchema("t", fields: ["id": "list<int>"], key: ["id"]),
            ModelSchema("t", fields: ["id": "int", "s": .init(type: "int", isStatic: true)], key: ["id"]),
            ModelSchema("t", fields: ["id": "int", "n": "counter", "x": "text"], key: ["id"]),
            ModelSchema("t", fields: ["id": .init(type: "int", unique: true)], key: ["id"]),
            ModelSchema("t", fields: ["id": "int"], key: ["id"], clusteringOrder: ["id": .desc]),
            ModelSchema("t", fields: ["id": "int"], key: ["id"], indexes: ["nope"]),
            ModelSchema("t", fields: ["id": "int", "s": "set<int>"], key: ["id"], indexes: [.keys("s")]),
            ModelSchema("t", fields: ["id": "int", "s": "set<int>"], key: ["id"], indexes: [.full("s")]),
            ModelSchema("bad-name", fields: ["id": "int"], key: ["id"]),
            ModelSchema("t", fields: ["id": "int", "x\"y": "int"], key: ["id"]),
            ModelSchema("t", fields: ["id": "mystery<int>"], key: ["id"]),
        ]
        for schema in invalid {
            XCTAssertThrowsError(try ResolvedSchema(schema), schema.table) { error in
                XCTAssertTrue([.invalidSchema, .invalidIdentifier].contains((error as? ORMError)?.code), "\(error)")
            }
        }
    }

    func testIdentifiersAreValidatedAndQuoted() throws {
        XCTAssertEqual(try Identifier.validated("createdAt", "field"), "\"createdAt\"")
        XCTAssertEqual(Identifier.quote("a\"b"), "\"a\"\"b\"")
        XCTAssertFalse(Identifier.isValid("1abc"))
        XCTAssertFalse(Identifier.isValid("a b"))
        XCTAssertFalse(Identifier.isValid(String(repeating: "a", count: 49)))
        XCTAssertTrue(Identifier.isValid("__v"))
    }

    func testValuesConvertToColumnTypes() throws {
        XCTAssertEqual(try ORMValue.int(5).cqlValue(as: .int), .int(5))
        XCTAssertEqual(try ORMValue.int(5).cqlValue(as: .double), .double(5))
        XCTAssertThrowsError(try ORMValue.int(70_000).cqlValue(as: .smallint))
        XCTAssertEqual(try ORMValue.string("2b0c1f4e-51e5-4b64-9a4a-9f1c0e7f3f11").cqlValue(as: .uuid),
                       .uuid(UUID(uuidString: "2b0c1f4e-51e5-4b64-9a4a-9f1c0e7f3f11")!))
        XCTAssertEqual(try ORMValue.map(["1": "a"]).cqlValue(as: .map(.int, .text)), .map([.init(key: .int(1), value: .text("a"))]))
        XCTAssertEqual(try ORMValue.list([1, 2]).cqlValue(as: .set(.bigint)), .set([.bigint(1), .bigint(2)]))
        XCTAssertThrowsError(try ORMValue.list([1]).cqlValue(as: .vector(.float, dimension: 2)))
        XCTAssertThrowsError(try ORMValue.string("x").cqlValue(as: .int))
        XCTAssertNil(try ORMValue.null.cqlValue(as: .text))
        let udt = CQLType.udt(.init(keyspace: "k", name: "address", fields: [.init(name: "street", type: .text), .init(name: "zip", type: .int)]))
        XCTAssertEqual(try ORMValue.map(["street": "Main"]).cqlValue(as: udt), .udt([.init(name: "street", value: .text("Main")), .init(name: "zip", value: nil)]))
        XCTAssertThrowsError(try ORMValue.map(["nope": 1]).cqlValue(as: udt))
        XCTAssertEqual(ORMValue(cql: .map([.init(key: .text("a"), value: .int(1))])), ["a": 1])
        XCTAssertEqual(ORMValue(cql: .set([.text("x")])), ["x"])
        XCTAssertEqual(ORMValue(cql: nil), .null)
    }
}
