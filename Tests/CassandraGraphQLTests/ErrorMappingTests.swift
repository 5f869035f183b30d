@testable import CassandraGraphQL
import CassandraORM
import GraphQL
import XCTest

final class ErrorMappingTests: XCTestCase {
    func testORMErrorsCarryTheirCodeTableAndFieldButNoValues() {
        let orm = ORMError(.uniqueViolation, "another row already has this 'email'", table: "users", field: "email", value: "a@b.c")
        let mapped = ErrorMapping.map(GraphQLError(message: "raw", path: ["createUsers"], originalError: orm), executed: true)
        XCTAssertEqual(mapped.extensions, ["code": "uniqueViolation", "table": "users", "field": "email"])
        XCTAssertEqual(mapped.message, "another row already has this 'email'")
        XCTAssertEqual(mapped.path.elements.compactMap(\.keyValue), ["createUsers"])
    }

    func testServiceErrorsValidationErrorsAndOthers() {
        let service = GraphQLServiceError(.invalidCursor, "the cursor is not one this API returned", path: "productsList")
        let mapped = ErrorMapping.map(GraphQLError(message: "raw", originalError: service), executed: true)
        XCTAssertEqual(mapped.extensions, ["code": "invalidCursor", "path": "productsList"])
        XCTAssertEqual(ErrorMapping.map(GraphQLError(message: "Cannot query field"), executed: false).extensions["code"],
                       "GRAPHQL_VALIDATION_FAILED")
        struct Failure: Error {}
        XCTAssertEqual(ErrorMapping.map(GraphQLError(message: "x", path: ["a"], originalError: Failure()), executed: true).extensions["code"],
                       "INTERNAL")
        let coded = GraphQLError(message: "mine", extensions: ["code": "APP"])
        XCTAssertEqual(ErrorMapping.map(coded, executed: true).extensions, ["code": "APP"])
    }
}
