import ECommerceApp
import XCTest

/// Command-line and environment parsing (no server).
final class AppConfigurationTests: XCTestCase {
    func testDefaultsUseTheEmbeddedServer() throws {
        let configuration = try AppConfiguration.parse([], environment: [:])
        XCTAssertEqual(configuration, AppConfiguration())
        XCTAssertEqual(configuration.port, 8080)
        XCTAssertNil(configuration.contactPoints)
        XCTAssertFalse(configuration.seed)
    }

    func testOptionsAndEnvironment() throws {
        let configuration = try AppConfiguration.parse(
            ["--seed", "--port", "9090", "--host", "0.0.0.0", "--keyspace", "shop", "--cql-port", "0", "--monitor-interval", "2"],
            environment: ["CASSANDRA_CONTACT_POINTS": "10.0.0.1, 10.0.0.2:9043,", "CASSANDRA_LOCAL_DC": "dc1"])
        XCTAssertTrue(configuration.seed)
        XCTAssertEqual(configuration.port, 9090)
        XCTAssertEqual(configuration.host, "0.0.0.0")
        XCTAssertEqual(configuration.keyspace, "shop")
        XCTAssertEqual(configuration.embeddedPort, 0)
        XCTAssertEqual(configuration.monitorIntervalSeconds, 2)
        XCTAssertEqual(configuration.contactPoints, ["10.0.0.1", "10.0.0.2:9043"])
        XCTAssertEqual(configuration.localDatacenter, "dc1")
    }

    func testInvalidArgumentsAreRejected() {
        for arguments in [["--port"], ["--port", "70000"], ["--port", "x"], ["--bogus"], ["--monitor-interval", "0"], ["--host", "--seed"]] {
            XCTAssertThrowsError(try AppConfiguration.parse(arguments, environment: [:]), "\(arguments)") { error in
                XCTAssertEqual((error as? APIError)?.code, .invalidParameter)
                XCTAssertEqual((error as? APIError)?.field, arguments[0])
            }
        }
    }
}
