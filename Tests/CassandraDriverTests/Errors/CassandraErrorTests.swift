import CQLProtocol
import XCTest
@testable import CassandraDriver

final class CassandraErrorTests: XCTestCase {
    func testDescriptionIsGenericAndDebugDescriptionHasContext() {
        let error = CassandraError(.requestTimeout, "no response", node: "10.0.0.1:9042", statement: "SELECT * FROM t WHERE id = ?")
        XCTAssertEqual(error.description, "CassandraError(code: requestTimeout)")
        XCTAssertTrue(String(reflecting: error).contains("10.0.0.1:9042"))
        XCTAssertTrue(String(reflecting: error).contains("SELECT * FROM t WHERE id = ?"))
    }

    func testServerErrorsMapToTheirOwnCodes() {
        XCTAssertEqual(CassandraError.server(ServerError(code: .authenticationError, message: "")).code, .authentication)
        XCTAssertEqual(CassandraError.server(ServerError(message: "", details: .unprepared(id: [1]))).code, .unprepared)
        let invalid = ServerError(code: .invalid, message: "bad")
        XCTAssertEqual(CassandraError.server(invalid).code, .server)
        XCTAssertEqual(CassandraError.server(invalid).serverError, invalid)
    }

    func testAddingContextKeepsWhatIsSet() {
        let error = CassandraError(.connectionClosed, "x", node: "a").adding(node: "b", statement: "q")
        XCTAssertEqual(error.node, "a")
        XCTAssertEqual(error.statement, "q")
    }
}
