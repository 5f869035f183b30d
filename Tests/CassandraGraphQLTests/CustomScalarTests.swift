import CassandraGraphQL
import GraphQL
import XCTest

final class CustomScalarTests: XCTestCase {
    func testValidValuesPassUnchanged() throws {
        let accepted: [(CustomScalar, Map)] = [
            (.uuid, "6f1c2a52-8d7e-4a57-9a3b-2f7a5e0c1d11"), (.dateTime, "2024-02-29T10:20:30Z"), (.date, "2024-02-29"),
            (.bigInt, "-42"), (.bigInt, 42), (.decimal, "1.50"), (.decimal, 1.5), (.blob, "AAE="), (.json, ["a": [1]]), (.uuid, .null),
        ]
        for (scalar, value) in accepted { XCTAssertEqual(try scalar.validate(value), value, "\(scalar.name) \(value)") }
    }

    func testMalformedValuesAreRefused() {
        let refused: [(CustomScalar, Map)] = [
            (.uuid, "42"), (.uuid, 42), (.dateTime, "2024-02-30"), (.date, "2023-02-29"), (.bigInt, "4.2"), (.bigInt, 4.2),
            (.decimal, "one"), (.blob, "***"),
        ]
        for (scalar, value) in refused { XCTAssertThrowsError(try scalar.validate(value), "\(scalar.name) \(value)") }
    }
}
