import CassandraDriver
import CQLServer

/// Runs `body` with an embedded cluster of its own (see ``CQLServer/EmbeddedCQLCluster``)
/// and a session on it that uses a fresh keyspace (SimpleStrategy, RF 1). The session is
/// closed and the cluster shut down afterwards, even when `body` throws.
///
/// The session's only contact point is node 0, so it discovers the other nodes from
/// `system.peers_v2`, and its local datacenter is node 0's. It reconnects to a node every
/// 100 ms (``CassandraDriver/ConstantReconnectionPolicy``), so a restarted node is back in use
/// quickly; `configure` can change that. With the default load-balancing policy, `body`
/// starts once the session has served a request from every node of its local datacenter
/// (so none is still connecting) and knows the keyspace's replication (so token-aware
/// routing applies). Request counts include that warm-up: reset them first.
///
/// ```swift
/// try await withTestCluster(nodes: 4, datacenters: ["dc1", "dc2"]) { cluster, session in
///     await cluster.stopNode(2)
///     …
/// }
/// ```
/// - Parameters:
///   - nodes: the number of nodes, each with one token.
///   - datacenters: the datacenters, dealt to the nodes in turn; `nil` for one datacenter.
///   - configure: adjusts the session configuration (the contact point is set already).
///   - body: the test, given the cluster and the session (already `USE`ing the keyspace).
/// - Returns: what `body` returns.
/// - Throws: what `body` throws, else start, connection or DDL errors.
public func withTestCluster<T: Sendable>(
    nodes: Int = 3,
    datacenters: [String]? = nil,
    configure: (inout Session.Configuration) -> Void = { _ in },
    _ body: (EmbeddedCQLCluster, Session) async throws -> T
) async throws -> T {
    var configuration = EmbeddedCQLCluster.Configuration(nodeCount: nodes)
    if let datacenters { configuration.datacenters = datacenters }
    return try await withTestCluster(configuration, configure: configure, body)
}

/// Like ``withTestCluster(nodes:datacenters:configure:_:)``, for a cluster configured in
/// full (tokens per node, racks, credentials).
/// - Parameters:
///   - configuration: the cluster's configuration.
///   - configure: adjusts the session configuration.
///   - body: the test, given the cluster and the session.
/// - Returns: what `body` returns.
/// - Throws: what `body` throws, else start, connection or DDL errors.
public func withTestCluster<T: Sendable>(
    _ configuration: EmbeddedCQLCluster.Configuration,
    configure: (inout Session.Configuration) -> Void = { _ in },
    _ body: (EmbeddedCQLCluster, Session) async throws -> T
) async throws -> T {
    try await withDedicatedCluster(configuration) { cluster in
        var sessionConfiguration = Session.Configuration(contactPoints: [cluster.contactPoints[0]])
        sessionConfiguration.schemaAgreementTimeout = .seconds(30)
        sessionConfiguration.reconnectionPolicy = ConstantReconnectionPolicy(delay: .milliseconds(100))
        configure(&sessionConfiguration)
        let session = try await Session.connect(configuration: sessionConfiguration)
        let result: Result<T, any Error>
        do {
            if sessionConfiguration.loadBalancingPolicy == nil {
                let localDatacenter = sessionConfiguration.localDatacenter ?? cluster.nodes[0].datacenter
                try await waitForConnections(of: session, to: cluster.nodes.filter { $0.datacenter == localDatacenter })
            }
            let keyspace = uniqueKeyspaceName()
            try await session.execute(
                "CREATE KEYSPACE \(keyspace) WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
            let deadline = ContinuousClock.now + .seconds(5)
            while session.cluster.keyspaces[keyspace] == nil && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            try await session.use(keyspace: keyspace)
            result = .success(try await body(cluster, session))
        } catch {
            result = .failure(error)
        }
        try? await session.close()
        return try result.get()
    }
}

/// Runs `body` with an embedded cluster of its own, shut down afterwards even when `body`
/// throws.
///
/// ```swift
/// try await withDedicatedCluster(.init(nodeCount: 3)) { cluster in
///     var configuration = Session.Configuration(contactPoints: cluster.contactPoints)
///     …
/// }
/// ```
/// - Parameters:
///   - configuration: the cluster's configuration.
///   - body: the test.
/// - Returns: what `body` returns.
/// - Throws: what `body` throws, else the cluster's start error.
public func withDedicatedCluster<T: Sendable>(
    _ configuration: EmbeddedCQLCluster.Configuration = .init(),
    _ body: (EmbeddedCQLCluster) async throws -> T
) async throws -> T {
    let cluster = try await EmbeddedCQLCluster.start(configuration)
    let result: Result<T, any Error>
    do {
        result = .success(try await body(cluster))
    } catch {
        result = .failure(error)
    }
    try? await cluster.shutdown()
    return try result.get()
}

/// Sends unrouted requests until each of `nodes` has received one, so that the session has a
/// ready connection to each (round-robin skips nodes still connecting); gives up after 5 s.
private func waitForConnections(of session: Session, to nodes: [EmbeddedCQLServer]) async throws {
    let probe = try await session.prepare("SELECT release_version FROM system.local")
    let before = nodes.map { $0.requestCount(.execute) }
    let deadline = ContinuousClock.now + .seconds(5)
    while zip(nodes, before).contains(where: { $0.requestCount(.execute) == $1 }) && ContinuousClock.now < deadline {
        try await session.execute(probe)
        try await Task.sleep(for: .milliseconds(2))
    }
}
