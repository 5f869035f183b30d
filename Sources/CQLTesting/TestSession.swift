import CassandraDriver
import CQLServer

/// A keyspace name unique to one test: `prefix` plus a random suffix, a valid unquoted CQL
/// identifier (lower case, at most 48 characters).
/// - Parameter prefix: a lower-case identifier-safe prefix.
/// - Returns: the name.
public func uniqueKeyspaceName(prefix: String = "test") -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    let suffix = String((0..<16).map { _ in alphabet.randomElement()! })
    return String((prefix + "_" + suffix).prefix(48))
}

/// Whether integration tests run against the embedded server (no `CASSANDRA_CONTACT_POINTS`).
/// Use it to skip features a real Cassandra 4 lacks (vectors) or to reach fault injection.
/// - Throws: when the embedded server cannot start.
public var isEmbeddedServer: Bool {
    get async throws { try await TestServer.shared.target().isEmbedded }
}

/// The embedded server, or `nil` when tests run against an external cluster.
/// - Throws: when the embedded server cannot start.
public var embeddedServer: EmbeddedCQLServer? {
    get async throws { try await TestServer.shared.target().embedded }
}

/// Runs `body` with a session and a fresh keyspace (SimpleStrategy, RF 1) that is dropped
/// afterwards, even when `body` throws; the session is always closed.
///
/// ```swift
/// try await withTestSession { session, keyspace in
///     try await session.execute("CREATE TABLE \(keyspace).t (id int PRIMARY KEY)")
/// }
/// ```
/// - Parameters:
///   - configure: adjusts the session configuration (the contact points are set already).
///   - body: the test.
/// - Returns: what `body` returns.
/// - Throws: what `body` throws, else connection or DDL errors.
public func withTestSession<T: Sendable>(
    configure: (inout Session.Configuration) -> Void = { _ in },
    _ body: (Session, String) async throws -> T
) async throws -> T {
    let target = try await TestServer.shared.target()
    var configuration = Session.Configuration(contactPoints: target.contactPoints)
    configuration.schemaAgreementTimeout = .seconds(30)
    configure(&configuration)
    let session = try await Session.connect(configuration: configuration)
    let keyspace = uniqueKeyspaceName()
    do {
        try await session.execute(
            "CREATE KEYSPACE \(keyspace) WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        try await session.waitForSchemaAgreement()
    } catch {
        try? await session.close()
        throw error
    }
    let result: Result<T, any Error>
    do {
        result = .success(try await body(session, keyspace))
    } catch {
        result = .failure(error)
    }
    _ = try? await session.execute("DROP KEYSPACE IF EXISTS \(keyspace)")
    try? await session.close()
    return try result.get()
}

/// Like ``withTestSession(configure:_:)``, but hands a second session whose connections use
/// the test keyspace (`USE`), so statements need no keyspace prefix.
/// - Parameters:
///   - configure: adjusts the keyspace-bound session's configuration.
///   - body: the test, given the bound session and the keyspace name.
/// - Returns: what `body` returns.
/// - Throws: what `body` throws, else connection or DDL errors.
public func withTestKeyspaceSession<T: Sendable>(
    configure: @escaping (inout Session.Configuration) -> Void = { _ in },
    _ body: (Session, String) async throws -> T
) async throws -> T {
    try await withTestSession { admin, keyspace in
        let target = try await TestServer.shared.target()
        var configuration = Session.Configuration(contactPoints: target.contactPoints)
        configuration.schemaAgreementTimeout = .seconds(30)
        configure(&configuration)
        configuration.keyspace = keyspace
        let session = try await Session.connect(configuration: configuration)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(session, keyspace))
        } catch {
            result = .failure(error)
        }
        try? await session.close()
        return try result.get()
    }
}
