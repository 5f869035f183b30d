#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraDriver
import CQLProtocol
import Synchronization

/// The entry point of the ORM, in the shape of express-cassandra's `createClient`.
///
/// ```swift
/// let client = try await CassandraORM.createClient(
///     clientOptions: .init(contactPoints: ["127.0.0.1"], localDataCenter: "datacenter1", keyspace: "ecommerce"),
///     ormOptions: .init(createKeyspace: true, migration: .safe))
/// try await client.connect()
/// ```
public enum CassandraORM {
    /// Creates a client; it connects on ``CassandraClient/connect()``.
    /// - Parameters:
    ///   - clientOptions: where and how to connect.
    ///   - ormOptions: keyspace creation, migrations, user-defined types.
    /// - Returns: the client.
    /// - Throws: ``ORMError/Code/invalidIdentifier`` for a malformed keyspace name.
    public static func createClient(clientOptions: CassandraClient.ClientOptions,
                                    ormOptions: CassandraClient.ORMOptions = .init()) async throws -> CassandraClient {
        _ = try Identifier.validated(clientOptions.keyspace, "keyspace")
        return CassandraClient(clientOptions: clientOptions, ormOptions: ormOptions)
    }
}

/// A connection to a keyspace plus the models loaded into it.
///
/// ```swift
/// let Customer = try await client.loadSchema("customers",
///     fields: ["id": "uuid", "email": .init(type: "text", unique: true), "created_at": "timestamp"],
///     key: ["id"])
/// try await Customer.save(["id": client.uuid(), "email": "a@b.c"])
/// try await client.close()
/// ```
///
/// Safe to use from any task.
public final class CassandraClient: Sendable {
    /// The connection options.
    public let clientOptions: ClientOptions
    /// The ORM options.
    public let ormOptions: ORMOptions
    private let session = Mutex<Session?>(nil)

    init(clientOptions: ClientOptions, ormOptions: ORMOptions) {
        self.clientOptions = clientOptions
        self.ormOptions = ormOptions
    }

    /// The keyspace the models live in.
    public var keyspace: String { clientOptions.keyspace }

    /// The driver session, for statements the ORM does not cover.
    /// - Throws: ``ORMError/Code/notConnected`` before ``connect()``.
    public var driver: Session {
        get throws(ORMError) {
            guard let session = session.withLock({ $0 }) else {
                throw ORMError(.notConnected, "the client is not connected; call connect() first")
            }
            return session
        }
    }

    /// Whether the client is connected.
    var isConnected: Bool { session.withLock { $0 != nil } }

    /// Connects, creates the keyspace (with ``ORMOptions/createKeyspace``) and the
    /// user-defined types, and switches to the keyspace. Does nothing when connected.
    /// - Throws: ``ORMError`` with ``ORMError/Code/driver`` when the cluster is unreachable
    ///   or the keyspace is missing.
    public func connect() async throws {
        if session.withLock({ $0 }) != nil { return }
        let connected: Session
        do {
            connected = try await Session.connect(configuration: clientOptions.sessionConfiguration)
        } catch {
            throw ORMError.wrap(error)
        }
        do {
            if ormOptions.createKeyspace {
                try await connected.execute(
                    "CREATE KEYSPACE IF NOT EXISTS \(Identifier.quote(keyspace)) WITH replication = \(ormOptions.replication.cql)")
                try await waitForSchemaAgreement(connected)
            }
            try await connected.use(keyspace: keyspace)
            for type in ormOptions.userDefinedTypes {
                try await connected.execute(try type.createStatement(keyspace: keyspace))
            }
            if !ormOptions.userDefinedTypes.isEmpty { try await waitForSchemaAgreement(connected) }
        } catch {
            try? await connected.close()
            throw ORMError.wrap(error)
        }
        let existing = session.withLock { state -> Session? in
            if let state { return state }
            state = connected
            return nil
        }
        if existing != nil { try? await connected.close() }
    }

    /// Closes the session; the client can connect again afterwards.
    /// - Throws: ``ORMError/Code/driver`` if closing fails.
    public func close() async throws {
        guard let closing = session.withLock({ state -> Session? in
            defer { state = nil }
            return state
        }) else { return }
        do { try await closing.close() } catch { throw ORMError.wrap(error) }
    }

    /// A random (version 4) UUID, ready for a ``Model`` value.
    public func uuid() -> ORMValue { .uuid(UUID()) }

    /// A time-based (version 1) UUID for `timeuuid` fields.
    public func timeuuid() -> ORMValue { .uuid(UUID.timeBased()) }

    func waitForSchemaAgreement(_ session: Session) async throws {
        guard try await session.waitForSchemaAgreement() else {
            throw ORMError(.schemaAgreementTimeout, "nodes did not agree on the schema in time; check that every node is up")
        }
    }

    // MARK: Models

    /// Loads a model: validates the schema, migrates its table (with its indexes and
    /// materialized views, and unique-field lookup tables) per ``ORMOptions/migration``,
    /// waits for schema agreement.
    /// - Parameters:
    ///   - table: the table name.
    ///   - fields: fields by name: type strings or ``FieldDefinition``s.
    ///   - key: the primary key.
    ///   - clusteringOrder: clustering directions.
    ///   - indexes: indexes.
    ///   - materializedViews: materialized views by name, read with ``Model/view(_:)``.
    ///   - options: timestamps and versions.
    ///   - hooks: write hooks.
    /// - Returns: the model.
    /// - Throws: ``ORMError`` (``ORMError/Code/invalidSchema``, ``ORMError/Code/migrationRefused``,
    ///   ``ORMError/Code/materializedViewsDisabled``, …).
    public func loadSchema(_ table: String, fields: [String: FieldDefinition], key: [KeyPart],
                           clusteringOrder: [String: SortDirection] = [:], indexes: [IndexDefinition] = [],
                           materializedViews: [String: MaterializedViewDefinition] = [:],
                           options: ModelOptions = .init(), hooks: ModelHooks = .init()) async throws -> Model {
        try await loadSchema(ModelSchema(table, fields: fields, key: key, clusteringOrder: clusteringOrder, indexes: indexes,
                                         materializedViews: materializedViews, options: options, hooks: hooks))
    }

    /// Loads a model from a ``ModelSchema``; see
    /// ``loadSchema(_:fields:key:clusteringOrder:indexes:materializedViews:options:hooks:)``.
    /// - Parameters:
    ///   - schema: the schema.
    ///   - migration: overrides ``ORMOptions/migration`` for this model.
    /// - Returns: the model.
    /// - Throws: ``ORMError``.
    public func loadSchema(_ schema: ModelSchema, migration: MigrationMode? = nil) async throws -> Model {
        let resolved = try ResolvedSchema(schema)
        let session = try driver
        let runner = MigrationRunner(session: session, keyspace: keyspace)
        let mode = migration ?? ormOptions.migration
        for table in [resolved] + (try UniqueLookup.schemas(for: resolved)) {
            try await runner.migrate(table, mode: mode)
        }
        return try await Model(client: self, schema: resolved)
    }

    /// The migrations ``loadSchema(_:migration:)`` would run for `schema`, without running
    /// them: one plan for the table (with its indexes and materialized views) and one per
    /// unique-field lookup table.
    /// - Parameters:
    ///   - schema: the schema.
    ///   - mode: the mode to plan for; ``ORMOptions/migration`` when `nil`.
    /// - Returns: the plans.
    /// - Throws: ``ORMError/Code/migrationRefused`` when the mode forbids a needed change.
    public func plan(_ schema: ModelSchema, mode: MigrationMode? = nil) async throws -> [MigrationPlan] {
        let resolved = try ResolvedSchema(schema)
        let runner = MigrationRunner(session: try driver, keyspace: keyspace)
        var plans: [MigrationPlan] = []
        for table in [resolved] + (try UniqueLookup.schemas(for: resolved)) {
            plans.append(try await runner.plan(table, mode: mode ?? ormOptions.migration))
        }
        return plans
    }
}
