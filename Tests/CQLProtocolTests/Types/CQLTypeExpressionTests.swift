import XCTest
@testable import CQLProtocol

final class CQLTypeExpressionTests: XCTestCase {
    private let address = CQLTypeExpression.userDefined(.init(name: "address"))

    func testFrozenQueries() throws {
        let frozen = try CQLTypeExpression(parsing: "frozen<frozen<list<int>>>")
        XCTAssertTrue(frozen.isFrozen)
        XCTAssertEqual(frozen.unfrozen, .list(.native(.int)))
        XCTAssertTrue(CQLTypeExpression.tuple([.native(.int)]).isFrozen)
        XCTAssertTrue(CQLTypeExpression.frozen(address).isFrozen)
        XCTAssertFalse(CQLTypeExpression.list(.native(.int)).isFrozen)
        XCTAssertFalse(address.isFrozen)
        XCTAssertEqual(address.unfrozen, address)
    }

    func testCQLTypeDropsFrozenAtAnyDepth() throws {
        let type = try CQLTypeExpression(parsing: "frozen<map<text, frozen<list<frozen<tuple<int, vector<float, 2>>>>>>>")
        XCTAssertEqual(type.cqlType, .map(.text, .list(.tuple([.int, .vector(.float, dimension: 2)]))))
    }

    func testCQLTypeLeavesNamesForTheSchemaToResolve() throws {
        XCTAssertEqual(try CQLTypeExpression(parsing: "ks.addr").cqlType, .udt(.init(keyspace: "ks", name: "addr", fields: [])))
        XCTAssertEqual(try CQLTypeExpression(parsing: "set<Addr>").cqlType, .set(.udt(.init(keyspace: "", name: "addr", fields: []))))
        let vectorClass = "org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType,3)"
        XCTAssertEqual(try CQLTypeExpression(parsing: "'\(vectorClass)'").cqlType, .custom(vectorClass))
    }

    func testCQLTypeResolvesNamesWithTheCallersFunctions() throws {
        struct Unknown: Error, Equatable { var name: String }
        let street = CQLType.UserDefinedType.Field(name: "street", type: .text)
        let type = try CQLTypeExpression(parsing: "map<address, 'org.apache.cassandra.db.marshal.Int32Type'>")
        let resolved = try type.cqlType(
            userType: { name throws(Unknown) in .udt(.init(keyspace: "shop", name: name.name, fields: [street])) },
            customType: { className throws(Unknown) in
                guard let type = try? CQLType(marshalClass: className) else { throw Unknown(name: className) }
                return type
            })
        XCTAssertEqual(resolved, .map(.udt(.init(keyspace: "shop", name: "address", fields: [street])), .int))

        let twoUnknown = try CQLTypeExpression(parsing: "tuple<first, second>")
        XCTAssertThrowsError(try twoUnknown.cqlType(userType: { name throws(Unknown) in throw Unknown(name: name.name) },
                                                    customType: { className throws(Unknown) in .custom(className) })) { error in
            XCTAssertEqual(error as? Unknown, Unknown(name: "first"), "the leftmost failure wins")
        }
    }

    func testStoredTypesPrintAsSystemSchemaDoes() {
        let udt = CQLType.udt(.init(keyspace: "ks", name: "point", fields: [.init(name: "x", type: .int)]))
        let cases: [(CQLType, Bool, String)] = [
            (.int, false, "int"),
            (.int, true, "int"),
            (.set(.text), false, "set<text>"),
            (.map(.text, .text), true, "frozen<map<text, text>>"),
            (.list(.map(.text, .int)), false, "list<frozen<map<text, int>>>"),
            (.list(.list(.int)), true, "frozen<list<frozen<list<int>>>>"),
            (.list(udt), false, "list<frozen<point>>"),
            (udt, true, "frozen<point>"),
            (udt, false, "point"),
            (.tuple([.int, udt]), true, "frozen<tuple<int, frozen<point>>>"),
            (.vector(.float, dimension: 3), true, "vector<float, 3>"),
            (.vector(.list(.int), dimension: 2), false, "vector<frozen<list<int>>, 2>"),
            (.custom("a.B"), false, "'a.B'"),
            (.udt(.init(keyspace: "ks", name: "Point", fields: [])), false, "\"Point\""),
        ]
        for (type, frozen, text) in cases {
            XCTAssertEqual(CQLTypeExpression(type, frozen: frozen).canonicalText, text, "\(type)")
        }
        XCTAssertEqual(CQLTypeExpression(udt, frozen: true), .frozen(.userDefined(.init(keyspace: "ks", name: "point"))))
        XCTAssertEqual(CQLTypeExpression(.udt(.init(keyspace: "", name: "p", fields: []))), .userDefined(.init(name: "p")))
    }

    func testStoredTypesRoundTripThroughCQLType() throws {
        for text in ["list<frozen<map<text, int>>>", "frozen<tuple<int, frozen<list<int>>>>", "vector<float, 3>", "map<int, frozen<set<uuid>>>"] {
            let type = try CQLTypeExpression(parsing: text)
            XCTAssertEqual(CQLTypeExpression(type.cqlType, frozen: type.isFrozen).canonicalText, type.canonicalText, text)
        }
    }
}
