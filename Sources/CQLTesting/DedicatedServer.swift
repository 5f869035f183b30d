import CassandraDriver
import CQLServer

extension EmbeddedCQLServer {
    /// `host:port`, for ``CassandraDriver/Session/Configuration/contactPoints``.
    public var contactPoint: String { "\(host):\(port)" }
}

/// Runs `body` with an embedded server of its own on an ephemeral loopback port, shut down
/// afterwards even when `body` throws.
///
/// For tests that change server-wide state the shared server must not see: fault rules,
/// credentials, connection counts, restarts.
///
/// ```swift
/// try await withDedicatedServer(.init(port: 0, credentials: ["app": "secret"])) { server in
///     var configuration = Session.Configuration(contactPoints: [server.contactPoint])
///     …
/// }
/// ```
/// - Parameters:
///   - configuration: the server's configuration; give port 0 for an ephemeral port.
///   - body: the test.
/// - Returns: what `body` returns.
/// - Throws: what `body` throws, else the server's start error.
public func withDedicatedServer<T: Sendable>(
    _ configuration: EmbeddedCQLServer.Configuration = .init(port: 0),
    _ body: (EmbeddedCQLServer) async throws -> T
) async throws -> T {
    let server = try await EmbeddedCQLServer.start(configuration)
    let result: Result<T, any Error>
    do {
        result = .success(try await body(server))
    } catch {
        result = .failure(error)
    }
    try? await server.shutdown()
    return try result.get()
}

/// Runs `body` with a dedicated embedded server (see ``withDedicatedServer(_:_:)``) and a
/// session on it that uses a fresh keyspace (SimpleStrategy, RF 1). The session is closed and
/// the server shut down afterwards, even when `body` throws.
/// - Parameters:
///   - configure: adjusts the session configuration (the contact point is set already).
///   - body: the test, given the session (already `USE`ing the keyspace), the server and the
///     keyspace name.
/// - Returns: what `body` returns.
/// - Throws: what `body` throws, else start, connection or DDL errors.
public func withDedicatedServerSession<T: Sendable>(
    configure: (inout Session.Configuration) -> Void = { _ in },
    _ body: (Session, EmbeddedCQLServer, String) async throws -> T
) async throws -> T {
    try await withDedicatedServer { server in
        var configuration = Session.Configuration(contactPoints: [server.contactPoint])
        configuration.schemaAgreementTimeout = .seconds(30)
        configure(&configuration)
        let session = try await Session.connect(configuration: configuration)
        let keyspace = uniqueKeyspaceName()
        let result: Result<T, any Error>
        do {
            try await session.execute(
                "CREATE KEYSPACE \(keyspace) WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
            try await session.use(keyspace: keyspace)
            result = .success(try await body(session, server, keyspace))
        } catch {
            result = .failure(error)
        }
        try? await session.close()
        return try result.get()
    }
}
