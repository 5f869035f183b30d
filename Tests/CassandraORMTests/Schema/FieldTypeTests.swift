import CQLProtocol
import XCTest
@testable import CassandraORM

final class FieldTypeTests: XCTestCase {
    func testParsingUsesTheSharedGrammar() throws {
        XCTAssertEqual(try FieldType(parsing: "MAP<VARCHAR, frozen<list<\"Addr\">>>"), .map(.native("text"), .frozen(.list(.userDefined("Addr")))))
        XCTAssertEqual(try FieldType(parsing: "tuple<int, vector<float, 2>>"), .tuple([.native("int"), .vector(.native("float"), 2)]))
        XCTAssertEqual(try FieldType(parsing: "frozen<frozen<set<uuid>>>"), .frozen(.set(.native("uuid"))))
    }

    func testExpressionRoundTrips() throws {
        for text in ["int", "map<text, frozen<list<int>>>", "frozen<tuple<int, frozen<address>>>", "vector<float, 3>", "set<frozen<\"Addr\">>"] {
            let type = try FieldType(parsing: text)
            XCTAssertEqual(try FieldType(type.expression), type, text)
            XCTAssertEqual(type.expression, try CQLTypeExpression(parsing: text), text)
            XCTAssertEqual(type.description, text, text)
        }
    }

    func testDescriptionQuotesNamesThatNeedIt() throws {
        XCTAssertEqual(FieldType.list(.frozen(.userDefined("Addr"))).description, "list<frozen<\"Addr\">>")
        XCTAssertEqual(FieldType.frozen(.userDefined("select")).description, "frozen<\"select\">")
    }

    func testMalformedTextKeepsTheProtocolErrorAsCause() {
        XCTAssertThrowsError(try FieldType(parsing: "list<int")) { error in
            let error = error as? ORMError
            XCTAssertEqual(error?.code, .invalidSchema)
            XCTAssertEqual(error?.message, "invalid type 'list<int': expected '>', found the end of the text at offset 8")
            XCTAssertEqual((error?.underlying as? CQLProtocolError)?.offset, 8)
        }
    }

    func testTypesTheORMCannotDeclareAreRefused() {
        XCTAssertThrowsError(try FieldType(parsing: "'com.example.Custom'")) { error in
            XCTAssertEqual((error as? ORMError)?.message, "invalid type ''com.example.Custom'': the ORM does not support custom types")
        }
        XCTAssertThrowsError(try FieldType(parsing: "list<frozen<shop.address>>")) { error in
            XCTAssertEqual((error as? ORMError)?.message,
                           "invalid type 'shop.address': name user-defined types without a keyspace; the ORM uses the client's")
        }
    }
}
