import CassandraGraphQL
import CassandraORM
import XCTest

final class ColumnMappingTests: XCTestCase {
    private func mapping(_ text: String) throws -> ColumnMapping { ColumnMapping(try FieldType(parsing: text)) }

    func testNativeTypes() throws {
        let expected: [(String, String)] = [
            ("text", "String"), ("ascii", "String"), ("inet", "String"), ("int", "Int"), ("smallint", "Int"), ("tinyint", "Int"),
            ("bigint", "BigInt"), ("counter", "BigInt"), ("varint", "BigInt"), ("time", "BigInt"), ("decimal", "Decimal"),
            ("float", "Float"), ("double", "Float"), ("boolean", "Boolean"), ("uuid", "UUID"), ("timeuuid", "UUID"),
            ("timestamp", "DateTime"), ("date", "Date"), ("blob", "Blob"), ("duration", "JSON"),
        ]
        for (cql, graphQL) in expected {
            let mapping = try mapping(cql)
            XCTAssertEqual(mapping.type, .named(graphQL), cql)
            XCTAssertEqual(mapping.filter, .scalar(graphQL), cql)
        }
    }

    func testCollectionsUDTsAndTuples() throws {
        XCTAssertEqual(try mapping("list<int>").type.description, "[Int!]")
        XCTAssertEqual(try mapping("set<uuid>").filter, .collection("UUID"))
        XCTAssertEqual(try mapping("frozen<list<text>>").type.description, "[String!]")
        XCTAssertEqual(try mapping("vector<float, 3>").type.description, "[Float!]")
        XCTAssertNil(try mapping("vector<float, 3>").filter)
        XCTAssertEqual(try mapping("map<text, int>").type, .named("JSON"))
        XCTAssertEqual(try mapping("map<text, int>").filter, .map)
        XCTAssertEqual(try mapping("frozen<map<text, int>>").filter, .scalar("JSON"))
        XCTAssertEqual(try mapping("frozen<address>").type, .named("JSON"))
        XCTAssertEqual(try mapping("tuple<int, text>").type, .named("JSON"))
        XCTAssertEqual(try mapping("list<frozen<address>>").type.description, "[JSON!]")
        XCTAssertEqual(try mapping("list<frozen<address>>").filter, .collection("JSON"))
    }
}
