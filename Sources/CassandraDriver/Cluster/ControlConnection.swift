#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol
import Logging
import Synchronization
import UVLoop

/// The session's one connection for cluster metadata: it reads `system.local`,
/// `system.peers_v2` (or `system.peers`) and `system_schema`, registers for TOPOLOGY_CHANGE,
/// STATUS_CHANGE and SCHEMA_CHANGE events, refreshes the session's ``ClusterSnapshot`` and
/// ``SchemaMetadata`` when they arrive, and checks schema agreement after DDL.
///
/// A server without the system tables (a minimal test peer) still yields a session: the
/// contact points then become the nodes, without tokens.
///
/// When the connection is lost (node restart, network), it reconnects with the session's
/// reconnection policy, to the contact point or any known node, and re-reads the metadata,
/// since events were missed meanwhile. Until then, schema agreement checks fail with
/// ``CassandraError/Code/connectionClosed``.
final class ControlConnection: Sendable {
    /// What the first connection learned.
    struct Discovery: Sendable {
        var snapshot: ClusterSnapshot
        var addresses: [UUID: (host: String, port: Int)]
        var localDatacenter: String?
        var control: ControlConnection?
    }

    private struct State {
        var connection: Connection?
        /// Where ``connection`` goes: the contact point, or the node it reconnected to.
        var endpoint: (host: String, port: Int)
        weak var session: Session?
        var schema = SchemaMetadata()
        var refreshScheduled = false
        var isClosed = false
    }

    private let state: Mutex<State>
    private let contactPoint: (host: String, port: Int)
    private let configuration: Session.Configuration
    private let loop: EventLoop

    private init(contactPoint: (host: String, port: Int), configuration: Session.Configuration, loop: EventLoop) {
        self.contactPoint = contactPoint
        self.configuration = configuration
        self.loop = loop
        state = Mutex(State(endpoint: contactPoint))
    }

    /// Connects to the first contact point that answers and reads the cluster's metadata.
    /// - Throws: ``CassandraError/Code/noNodeAvailable`` with every contact point's error, or
    ///   ``CassandraError/Code/authentication`` at once (it would fail on every node).
    static func connect(contactPoints: [(host: String, port: Int)], configuration: Session.Configuration,
                        loop: EventLoop) async throws -> Discovery {
        var errors: [CassandraError.NodeError] = []
        for contactPoint in contactPoints {
            let control = ControlConnection(contactPoint: contactPoint, configuration: configuration, loop: loop)
            do {
                return try await control.start()
            } catch let error as CassandraError {
                if error.code == .authentication { throw error }
                errors.append(.init(node: "\(contactPoint.host):\(contactPoint.port)", error: error))
            }
        }
        throw CassandraError(.noNodeAvailable, "no contact point could be reached; check Session.Configuration.contactPoints",
                             nodeErrors: errors)
    }

    private func start() async throws -> Discovery {
        let connection = try await open(contactPoint)
        state.withLock { $0.connection = connection }
        do {
            var discovery = try await discover(on: connection, reachedThrough: contactPoint)
            discovery.control = self
            reconnectWhenClosed(connection)
            return discovery
        } catch let error as CassandraError where error.code == .server {
            // No system tables: a minimal peer. Keep the connection for events anyway.
            configuration.logger.info("the node has no system tables; using the contact point as the only node",
                                      metadata: [CassandraLogKey.node.rawValue: "\(connection.node)"])
            let id = UUID()
            let address = CQLInetAddress(contactPoint.host) ?? CQLInetAddress("127.0.0.1")!
            let node = Node(id: id, endpoint: CQLInetEndpoint(address: address, port: Int32(contactPoint.port)),
                            datacenter: configuration.localDatacenter)
            reconnectWhenClosed(connection)
            return Discovery(snapshot: ClusterSnapshot(nodes: [node]), addresses: [id: contactPoint],
                             localDatacenter: configuration.localDatacenter, control: self)
        } catch {
            connection.close()
            throw error
        }
    }

    /// Opens a connection registered for events to `endpoint`.
    private func open(_ endpoint: (host: String, port: Int)) async throws -> Connection {
        var connectionConfiguration = Connection.Configuration(host: endpoint.host, port: endpoint.port)
        connectionConfiguration.compression = configuration.compression
        connectionConfiguration.credentials = configuration.credentials
        connectionConfiguration.connectTimeout = configuration.connectTimeout
        connectionConfiguration.limits.maxInFlight = 128
        connectionConfiguration.limits.heartbeatInterval = configuration.heartbeatInterval
        connectionConfiguration.events = [.topologyChange, .statusChange, .schemaChange]
        return try await Connection.connect(
            configuration: connectionConfiguration, on: loop, logger: configuration.logger,
            onEvent: { [weak self] event in self?.eventReceived(event) })
    }

    // MARK: Reconnection

    private func reconnectWhenClosed(_ connection: Connection) {
        connection.onClose { [weak self] _ in
            guard let self else { return }
            Task { await self.reconnect() }
        }
    }

    /// Reopens the connection after it was lost, to the contact point or else any known node,
    /// waiting between rounds as the reconnection policy says; then re-reads the metadata.
    /// Stops when ``close()`` was called.
    private func reconnect() async {
        var schedule = configuration.reconnectionPolicy.makeSchedule()
        while true {
            let (isClosed, session) = state.withLock { ($0.isClosed, $0.session) }
            guard !isClosed else { return }
            var candidates = [contactPoint]
            for address in session?.state.withLock({ Array($0.addresses.values) }) ?? []
                where !candidates.contains(where: { $0 == address }) {
                candidates.append(address)
            }
            for candidate in candidates {
                guard let connection = try? await open(candidate) else { continue }
                let kept = state.withLock { state -> Bool in
                    guard !state.isClosed else { return false }
                    state.connection = connection
                    state.endpoint = candidate
                    return true
                }
                guard kept else {
                    connection.close()
                    return
                }
                configuration.logger.info("control connection reopened", metadata: [CassandraLogKey.node.rawValue: "\(connection.node)"])
                reconnectWhenClosed(connection)
                await refresh()
                return
            }
            try? await Task.sleep(for: schedule.nextDelay())
        }
    }

    /// Lets events update `session`.
    func attach(to session: Session) {
        state.withLock { $0.session = session }
    }

    /// The last schema read.
    var schema: SchemaMetadata {
        state.withLock { $0.schema }
    }

    /// Closes the control connection.
    func close() async {
        let connection = state.withLock { state -> Connection? in
            state.isClosed = true
            return state.connection
        }
        await connection?.closeAndWait()
    }

    // MARK: Queries

    /// Runs one query on the control connection at consistency ONE.
    func query(_ cql: String, on connection: Connection? = nil) async throws -> ResultSet {
        guard let connection = connection ?? state.withLock({ $0.connection }) else {
            throw CassandraError(.connectionClosed, "the control connection is closed", statement: cql)
        }
        var buffer = CQLBuffer(capacity: 128)
        try connection.frameEncoder.encode(.query(.init(query: cql, parameters: .init(consistency: .one))), stream: 0, into: &buffer)
        let frame = try await connection.send((consume buffer).bytes, deadline: .now + configuration.requestTimeout)
        switch try Session.decodeResponse(frame, node: connection.node, statement: cql) {
        case .result(let result):
            return ResultSet(result: result, frame: frame, node: connection.node)
        case .error(let error):
            throw CassandraError.server(error, node: connection.node, statement: cql)
        case let other:
            throw CassandraError(.protocolViolation, "unexpected \(other.opcode) in answer to a query", node: connection.node,
                                 statement: cql)
        }
    }

    /// Reads nodes and keyspaces into a snapshot.
    /// - Parameters:
    ///   - connection: the control connection.
    ///   - endpoint: where `connection` goes, the address of the node `system.local` describes
    ///     (after a reconnection, another node than the contact point).
    private func discover(on connection: Connection, reachedThrough endpoint: (host: String, port: Int)) async throws -> Discovery {
        let local = try await query("SELECT * FROM system.local WHERE key='local'", on: connection)
        guard let localRow = local.first else {
            throw CassandraError(.protocolViolation, "system.local returned no row", node: connection.node)
        }
        var nodes = [try ClusterMetadataLoader.localNode(localRow, contactPoint: endpoint)]
        let peers: ResultSet
        do {
            peers = try await query("SELECT * FROM system.peers_v2", on: connection)
        } catch let error as CassandraError where error.code == .server {
            peers = try await query("SELECT * FROM system.peers", on: connection)
        }
        for row in peers {
            if let peer = try ClusterMetadataLoader.peer(row, defaultPort: configuration.defaultPort),
               !nodes.contains(where: { $0.node.id == peer.node.id }) {
                nodes.append(peer)
            }
        }
        let keyspaceRows = try await query("SELECT keyspace_name, replication, durable_writes FROM system_schema.keyspaces",
                                           on: connection)
        let keyspaces = try ClusterMetadataLoader.keyspaces(keyspaceRows)
        let schema = (try? await readSchema(keyspaces: keyspaces, on: connection)) ?? SchemaMetadata(keyspaces: keyspaces)
        state.withLock { $0.schema = schema }
        let snapshot = ClusterSnapshot(nodes: nodes.map(\.node), keyspaces: keyspaces.mapValues(\.replication))
        var addresses: [UUID: (host: String, port: Int)] = [:]
        for discovered in nodes { addresses[discovered.node.id] = (discovered.host, discovered.port) }
        return Discovery(snapshot: snapshot, addresses: addresses, localDatacenter: nodes[0].node.datacenter, control: nil)
    }

    private func readSchema(keyspaces: [String: SchemaMetadata.Keyspace], on connection: Connection) async throws -> SchemaMetadata {
        let tables = try await query("SELECT keyspace_name, table_name FROM system_schema.tables", on: connection)
        let columns = try await query(
            "SELECT keyspace_name, table_name, column_name, clustering_order, kind, position, type FROM system_schema.columns",
            on: connection)
        let indexes = try? await query("SELECT keyspace_name, table_name, index_name, kind, options FROM system_schema.indexes",
                                       on: connection)
        let types = try? await query("SELECT keyspace_name, type_name, field_names, field_types FROM system_schema.types",
                                     on: connection)
        return try ClusterMetadataLoader.schema(keyspaces: keyspaces, tables: tables, columns: columns, indexes: indexes, types: types)
    }

    // MARK: Events

    private func eventReceived(_ event: ResponseMessage.Event) {
        configuration.logger.debug("server event", metadata: [CassandraLogKey.event.rawValue: "\(event.eventType.rawValue)"])
        if case .statusChange(.up, let node) = event {
            state.withLock { $0.session }?.nodeReportedUp(at: node.address)
        }
        let shouldRefresh = state.withLock { state -> Bool in
            guard !state.isClosed, !state.refreshScheduled, state.session != nil else { return false }
            state.refreshScheduled = true
            return true
        }
        guard shouldRefresh else { return }
        // Coalesce bursts (a node joining sends several events): refresh once, shortly after.
        loop.scheduleTimer(after: .milliseconds(200)) { [weak self] in
            guard let self else { return }
            Task { await self.refresh() }
        }
    }

    /// Re-reads topology and schema and publishes them to the session.
    func refresh() async {
        let (connection, endpoint, session) = state.withLock { state -> (Connection?, (host: String, port: Int), Session?) in
            state.refreshScheduled = false
            return (state.connection, state.endpoint, state.session)
        }
        guard let connection, let session else { return }
        do {
            let discovery = try await discover(on: connection, reachedThrough: endpoint)
            session.publish(snapshot: discovery.snapshot, addresses: discovery.addresses)
        } catch {
            configuration.logger.debug("metadata refresh failed", metadata: [CassandraLogKey.error.rawValue: "\(String(reflecting: error))"])
        }
    }

    // MARK: Schema agreement

    /// Polls `schema_version` of the local node and its peers until they agree.
    /// - Returns: whether they agreed before `timeout`.
    func waitForSchemaAgreement(timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            let local = try await query("SELECT schema_version FROM system.local WHERE key='local'")
            let peers = try await query("SELECT host_id, schema_version FROM system.peers")
            var versions = Set<UUID>()
            if let version = try local.first?.column("schema_version", as: UUID.self) { versions.insert(version) }
            for row in peers {
                if let version = try row.column("schema_version", as: UUID.self) { versions.insert(version) }
            }
            if versions.count <= 1 { return true }
            if ContinuousClock.now >= deadline { return false }
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}

extension Session {
    /// Waits until every node reports the same schema version (after DDL); the driver calls
    /// it after each schema-changing statement.
    /// - Returns: whether the nodes agreed within ``Configuration/schemaAgreementTimeout``;
    ///   `true` without a control connection that can tell.
    /// - Throws: ``CassandraError`` when the control connection fails.
    @discardableResult
    public func waitForSchemaAgreement() async throws -> Bool {
        guard let control = state.withLock({ $0.controlConnection }) else { return true }
        do {
            return try await control.waitForSchemaAgreement(timeout: configuration.schemaAgreementTimeout)
        } catch let error as CassandraError where error.code == .server {
            return true
        }
    }

    /// The schema as last read from `system_schema` (refreshed on SCHEMA_CHANGE events).
    public var schema: SchemaMetadata {
        state.withLock { $0.controlConnection }?.schema ?? SchemaMetadata()
    }
}
