import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

/// SASL PLAIN against an embedded server that runs PasswordAuthenticator: the right
/// credentials open every connection of the session; wrong or missing ones fail at once with
/// a typed error instead of hanging until a timeout.
final class AuthenticationIntegrationTests: XCTestCase {
    private static let users = ["app_user": "correct horse"]

    func testRightCredentialsOpenTheControlConnectionAndThePool() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedServer(.init(port: 0, credentials: Self.users)) { server in
            var configuration = Session.Configuration(contactPoints: [server.contactPoint])
            configuration.credentials = .init(username: "app_user", password: "correct horse")
            configuration.connectionsPerNode = 2
            let session = try await Session.connect(configuration: configuration)
            do {
                let result = try await session.execute("SELECT release_version FROM system.local")
                XCTAssertEqual(result.count, 1)
                // Spread requests over both pooled connections: each one authenticated.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<50 {
                        group.addTask { _ = try await session.execute("SELECT key FROM system.local") }
                    }
                    try await group.waitForAll()
                }
                let opened = await eventually { server.connectionCount == 3 }
                XCTAssertTrue(opened, "expected the control connection and 2 pooled connections, saw \(server.connectionCount)")
            } catch {
                try? await session.close()
                throw error
            }
            try await session.close()
        }
    }

    func testWrongPasswordFailsFastWithAnAuthenticationError() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedServer(.init(port: 0, credentials: Self.users)) { server in
            try await assertAuthenticationFails(
                server: server, credentials: .init(username: "app_user", password: "wrong"), expectServerError: true)
        }
    }

    func testUnknownUserFailsFastWithAnAuthenticationError() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedServer(.init(port: 0, credentials: Self.users)) { server in
            try await assertAuthenticationFails(
                server: server, credentials: .init(username: "nobody", password: "correct horse"), expectServerError: true)
        }
    }

    func testMissingCredentialsFailFastWithAnAuthenticationError() async throws {
        try await skipUnlessEmbeddedServer()
        try await withDedicatedServer(.init(port: 0, credentials: Self.users)) { server in
            try await assertAuthenticationFails(server: server, credentials: nil, expectServerError: false)
        }
    }

    /// Connects with `credentials` and expects ``CassandraError/Code/authentication`` well
    /// before the (deliberately long) connect timeout, with no connection left open.
    private func assertAuthenticationFails(
        server: EmbeddedCQLServer, credentials: Session.Configuration.Credentials?, expectServerError: Bool,
        file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        var configuration = Session.Configuration(contactPoints: [server.contactPoint])
        configuration.credentials = credentials
        configuration.connectTimeout = .seconds(20)
        let started = ContinuousClock.now
        do {
            let session = try await Session.connect(configuration: configuration)
            try? await session.close()
            XCTFail("connected with bad credentials", file: file, line: line)
        } catch let error as CassandraError {
            let elapsed = ContinuousClock.now - started
            XCTAssertEqual(error.code, .authentication, String(reflecting: error), file: file, line: line)
            XCTAssertLessThan(elapsed, .seconds(3), "authentication failure took \(elapsed)", file: file, line: line)
            if expectServerError {
                XCTAssertEqual(error.serverError?.code, .authenticationError, String(reflecting: error), file: file, line: line)
            }
            // The description stays generic: no user name or password leaks into logs.
            XCTAssertFalse(String(describing: error).contains("app_user"), file: file, line: line)
        }
        let closed = await eventually { server.connectionCount == 0 }
        XCTAssertTrue(closed, "a failed handshake left \(server.connectionCount) connection(s) open", file: file, line: line)
    }
}
