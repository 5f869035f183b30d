import CassandraDriver
import CQLProtocol
import XCTest
@testable import CassandraORM

final class ORMErrorTests: XCTestCase {
    private let disabled = ServerError(code: .invalid, message: "Materialized views are disabled. Enable in cassandra.yaml to use.")

    func testServersRefusingDisabledViewsBecomeATypedError() {
        let direct = CassandraError(.server, disabled.message, serverError: disabled)
        let wrapped = ORMError.wrap(direct, statement: "CREATE MATERIALIZED VIEW …", table: "users")
        XCTAssertEqual(wrapped.code, .materializedViewsDisabled)
        XCTAssertEqual(wrapped.table, "users")
        XCTAssertEqual(wrapped.statement, "CREATE MATERIALIZED VIEW …")
        XCTAssertTrue(wrapped.message.contains("materialized_views_enabled: true"), wrapped.message)
        XCTAssertEqual((wrapped.underlying as? CassandraError)?.serverError, disabled)

        let perNode = CassandraError(.noNodeAvailable, "every node of the query plan failed; see nodeErrors",
                                     nodeErrors: [.init(node: "10.0.0.1:9042", error: direct)])
        XCTAssertEqual(ORMError.wrap(perNode).code, .materializedViewsDisabled)
    }

    func testOtherInvalidRequestsStayDriverErrors() {
        let other = ServerError(code: .invalid, message: "Base table 'users' doesn't exist")
        XCTAssertEqual(ORMError.wrap(CassandraError(.server, other.message, serverError: other)).code, .driver)
        let syntax = ServerError(code: .syntaxError, message: disabled.message)
        XCTAssertEqual(ORMError.wrap(CassandraError(.server, syntax.message, serverError: syntax)).code, .driver)
    }
}
