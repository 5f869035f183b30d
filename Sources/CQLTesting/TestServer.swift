import CQLServer

/// Where integration tests connect: a real cluster named by `CASSANDRA_CONTACT_POINTS`, or the
/// one ``EmbeddedCQLServer`` this test process starts on first use.
///
/// ```swift
/// let target = try await TestServer.shared.target()
/// if target.isEmbedded { … }   // features real Cassandra 4 lacks (vectors, fault injection)
/// ```
public actor TestServer {
    /// The process-wide instance.
    public static let shared = TestServer()

    /// Where to connect, and whether it is the embedded server.
    public struct Target: Sendable {
        /// `host` or `host:port` entries for ``CassandraDriver/Session/Configuration``.
        public var contactPoints: [String]
        /// The embedded server, when no external cluster was configured.
        public var embedded: EmbeddedCQLServer?
        /// Whether the target is the embedded server.
        public var isEmbedded: Bool { embedded != nil }
    }

    private var target: Target?
    private var starting: Task<Target, any Error>?

    /// The environment variable naming an external cluster (`127.0.0.1:9042,10.0.0.2`).
    public static let contactPointsVariable = "CASSANDRA_CONTACT_POINTS"

    /// The target for this process: the external cluster if configured, else the embedded
    /// server, started once (on an ephemeral loopback port) and kept for the process's life.
    /// - Throws: the server's start error.
    public func target() async throws -> Target {
        if let target { return target }
        if let starting { return try await starting.value }
        let task = Task { () async throws -> Target in
            if let configured = Self.environment(Self.contactPointsVariable) {
                let points = configured.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
                if !points.isEmpty { return Target(contactPoints: points, embedded: nil) }
            }
            let server = try await EmbeddedCQLServer.start(.init(host: "127.0.0.1", port: 0))
            return Target(contactPoints: ["127.0.0.1:\(server.port)"], embedded: server)
        }
        starting = task
        do {
            let value = try await task.value
            target = value
            starting = nil
            return value
        } catch {
            starting = nil
            throw error
        }
    }

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
