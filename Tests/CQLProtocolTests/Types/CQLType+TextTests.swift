import XCTest
@testable import CQLProtocol

final class CQLTypeTextTests: XCTestCase {
    func testParsingDropsFrozen() throws {
        XCTAssertEqual(try CQLType(parsing: "frozen<map<text, list<int>>>"), .map(.text, .list(.int)))
        XCTAssertEqual(try CQLType(parsing: "list<frozen<tuple<int, VARCHAR>>>"), .list(.tuple([.int, .text])))
        XCTAssertEqual(try CQLType(parsing: "vector<float, 3>"), .vector(.float, dimension: 3))
    }

    func testNamesBecomeUnresolvedUserDefinedTypes() throws {
        XCTAssertEqual(try CQLType(parsing: "Address"), .udt(.init(keyspace: "", name: "address", fields: [])))
        XCTAssertEqual(try CQLType(parsing: "ks.\"Address\""), .udt(.init(keyspace: "ks", name: "Address", fields: [])))
    }

    func testCustomTypesAreReadAsMarshalClasses() throws {
        let prefix = "org.apache.cassandra.db.marshal."
        XCTAssertEqual(try CQLType(parsing: "'\(prefix)VectorType(\(prefix)FloatType,3)'"), .vector(.float, dimension: 3))
        XCTAssertEqual(try CQLType(parsing: "'com.example.Custom'"), .custom("com.example.Custom"))
        XCTAssertThrowsError(try CQLType(parsing: "'\(prefix)ListType('")) { error in
            XCTAssertEqual((error as? CQLProtocolError)?.code, .invalidType)
        }
    }

    func testMalformedTextIsAnInvalidTypeError() {
        XCTAssertThrowsError(try CQLType(parsing: "map<text>")) { error in
            let error = error as? CQLProtocolError
            XCTAssertEqual(error?.code, .invalidType)
            XCTAssertEqual(error?.message, "invalid type 'map<text>': expected ',', found '>' at offset 8")
            XCTAssertEqual(error?.offset, 8)
        }
    }

    func testNativeNamesAndDescription() {
        XCTAssertEqual(CQLType(nativeName: "VARCHAR"), .text)
        XCTAssertNil(CQLType(nativeName: "list"))
        XCTAssertEqual(CQLType.map(.text, .vector(.float, dimension: 2)).description, "map<text, vector<float, 2>>")
    }
}
