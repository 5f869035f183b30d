import CassandraDriver
import Foundation

/// An append-only store of event streams in Cassandra, with optimistic concurrency through a
/// lightweight transaction.
///
/// ```swift
/// let store = try EventStore(session: session, keyspace: "shop")
/// try await store.createSchema()
/// try await store.append(to: "order-42", expectedVersion: .noStream, events: [try registry.encode(OrderPlaced(…))])
/// for try await event in store.read(stream: "order-42") { … }
/// ```
///
/// ## Layout and consistency
/// A stream is one partition of the events table: one row per event (clustered by version)
/// plus a static column `head`, the stream's version. An append is a single conditional
/// batch on that partition: `UPDATE … SET head = new IF head = expected` and one `INSERT`
/// per event. Cassandra applies a single-partition conditional batch atomically through
/// Paxos, so the LWT is the one commit point: either the head advances and every event is
/// written, or nothing is. A crash of the client or coordinator cannot leave a gap, an
/// orphan event or a head ahead of its events, and two writers expecting the same version
/// cannot both succeed. Readers therefore need no fencing: every event they see belongs to a
/// committed append, and within an append they see all or none of it.
///
/// The first append to a stream also records it in its category (the text before the first
/// `-`, see ``category(of:)``), before the commit, so ``streams(inCategory:)`` lists every
/// stream with events (and possibly one whose first append failed, which reads as empty).
/// A category is one partition of that index.
///
/// A stream is one partition: keep streams bounded (one per aggregate instance), and keep
/// appends within the cluster's batch size limits (`batch_size_fail_threshold`).
///
/// A ``CassandraDriver/CassandraError/Code/requestTimeout`` (or a write timeout of type CAS)
/// leaves the outcome unknown: read the stream's ``version(of:)`` before retrying.
public struct EventStore: Sendable {
    /// The session the store uses.
    public let session: Session
    /// The keyspace holding the tables.
    public let keyspace: String
    /// The table names.
    public let tables: Tables
    let qualified: QualifiedTables
    /// How many times an ``ExpectedVersion/any`` append retries after losing a race.
    static let anyVersionAttempts = 32

    /// Creates a store; no request is sent.
    /// - Parameters:
    ///   - session: a connected session.
    ///   - keyspace: the (existing) keyspace for the tables.
    ///   - tables: the table names.
    /// - Throws: ``EventStoreError/Code/invalidIdentifier`` for an invalid keyspace or table name.
    public init(session: Session, keyspace: String, tables: Tables = Tables()) throws {
        self.session = session
        self.keyspace = keyspace
        self.tables = tables
        self.qualified = try QualifiedTables(keyspace: keyspace, tables: tables)
    }

    /// Creates the events, snapshots, checkpoints and category tables unless they exist, then
    /// waits for schema agreement. Safe to call on every start.
    /// - Throws: ``EventStoreError/Code/driver``, ``EventStoreError/Code/schemaAgreementTimeout``.
    public func createSchema() async throws {
        let statements = [
            """
            CREATE TABLE IF NOT EXISTS \(qualified.events) (stream_id text, version bigint, head bigint static, \
            event_type text, payload blob, metadata map<text, text>, recorded_at timestamp, \
            PRIMARY KEY (stream_id, version)) WITH CLUSTERING ORDER BY (version ASC)
            """,
            "CREATE TABLE IF NOT EXISTS \(qualified.snapshots) (stream_id text PRIMARY KEY, version bigint, payload blob)",
            """
            CREATE TABLE IF NOT EXISTS \(qualified.checkpoints) (projection text, stream_id text, version bigint, \
            PRIMARY KEY (projection, stream_id))
            """,
            "CREATE TABLE IF NOT EXISTS \(qualified.streams) (category text, stream_id text, PRIMARY KEY (category, stream_id))",
        ]
        try await driver {
            for statement in statements { try await session.execute(statement) }
            guard try await session.waitForSchemaAgreement() else {
                throw EventStoreError(.schemaAgreementTimeout, "nodes did not agree on the event store schema; check the cluster")
            }
        }
    }

    /// Appends events to a stream atomically, if the stream is at the expected version.
    /// - Parameters:
    ///   - stream: the stream id (non-empty).
    ///   - expectedVersion: the optimistic concurrency check.
    ///   - events: the events, at least one; they get the versions after the current one.
    /// - Returns: the stream's new version (the version of the last appended event).
    /// - Throws: ``EventStoreError/concurrencyConflict(stream:expected:actual:)`` when the stream
    ///   is not at `expectedVersion` (nothing is written), ``EventStoreError/Code/invalidArgument``
    ///   for an empty stream id or no events, ``EventStoreError/Code/driver``.
    @discardableResult
    public func append(to stream: String, expectedVersion: ExpectedVersion, events: [EventData]) async throws -> Int64 {
        guard !stream.isEmpty else { throw EventStoreError(.invalidArgument, "a stream id must not be empty") }
        guard !events.isEmpty else { throw EventStoreError(.invalidArgument, "append at least one event", stream: stream) }
        guard case .any = expectedVersion else {
            let current: Int64? = if case .exact(let version) = expectedVersion { version } else { nil }
            let outcome = try await appendConditionally(to: stream, current: current, events: events)
            if case .conflict(let actual) = outcome {
                throw EventStoreError.concurrencyConflict(stream: stream, expected: expectedVersion, actual: actual)
            }
            return (current ?? 0) + Int64(events.count)
        }
        var current = try await version(of: stream)
        for _ in 0..<Self.anyVersionAttempts {
            switch try await appendConditionally(to: stream, current: current, events: events) {
            case .applied: return (current ?? 0) + Int64(events.count)
            case .conflict(let actual): current = actual
            }
        }
        throw EventStoreError.concurrencyConflict(stream: stream, expected: .any, actual: current)
    }

    /// The stream's version, read linearizably (SERIAL); `nil` when it has no events.
    /// - Parameter stream: the stream id.
    /// - Returns: the version of its last event, or `nil`.
    /// - Throws: ``EventStoreError/Code/driver``.
    public func version(of stream: String) async throws -> Int64? {
        try await driver {
            let select = try await session.prepare("SELECT head FROM \(qualified.events) WHERE stream_id = ? LIMIT 1")
            var bound = try select.bind(stream)
            bound.options.consistency = .serial
            let result = try await session.execute(bound)
            return try result.first.flatMap { try $0[0, as: Int64?.self] }
        }
    }

    /// The events of a stream from a version on, in order, fetched page by page.
    /// - Parameters:
    ///   - stream: the stream id.
    ///   - version: the first version to return (1: the whole stream).
    ///   - pageSize: events per page.
    /// - Returns: a lazy sequence; iterating throws ``EventStoreError``.
    public func read(stream: String, from version: Int64 = 1, pageSize: Int32 = 500) -> EventStream {
        let cql = """
            SELECT stream_id, version, event_type, payload, metadata, recorded_at FROM \(qualified.events) \
            WHERE stream_id = ? AND version >= ?
            """
        let session = self.session
        return EventStream(stream: stream) {
            let prepared = try await session.prepare(cql)
            var bound = try prepared.bind(stream, version)
            bound.options.pageSize = pageSize
            return session.rows(bound)
        }
    }

    /// A stream's category: the text before its first `-` (`"account-42"` → `"account"`), or
    /// the whole id when it has none.
    /// - Parameter stream: the stream id.
    /// - Returns: the category.
    public static func category(of stream: String) -> String {
        stream.firstIndex(of: "-").map { String(stream[..<$0]) } ?? stream
    }

    /// The ids of the streams of a category, in id order, fetched page by page.
    /// - Parameters:
    ///   - category: the category (see ``category(of:)``).
    ///   - pageSize: ids per page.
    /// - Returns: the ids.
    /// - Throws: ``EventStoreError/Code/driver``.
    public func streams(inCategory category: String, pageSize: Int32 = 1_000) async throws -> [String] {
        try await driver {
            let select = try await session.prepare("SELECT stream_id FROM \(qualified.streams) WHERE category = ?")
            var bound = try select.bind(category)
            bound.options.pageSize = pageSize
            var ids: [String] = []
            for try await row in session.rows(bound) { ids.append(try row[0, as: String.self]) }
            return ids
        }
    }

    enum AppendOutcome {
        case applied
        case conflict(actual: Int64?)
    }

    /// One conditional batch: head from `current` to `current + events.count`, plus the events.
    private func appendConditionally(to stream: String, current: Int64?, events: [EventData]) async throws -> AppendOutcome {
        try await driver {
            if current == nil {
                let index = try await session.prepare("INSERT INTO \(qualified.streams) (category, stream_id) VALUES (?, ?)")
                _ = try await session.execute(index, Self.category(of: stream), stream)
            }
            let advance = try await session.prepare("UPDATE \(qualified.events) SET head = ? WHERE stream_id = ? IF head = ?")
            let insert = try await session.prepare("""
                INSERT INTO \(qualified.events) (stream_id, version, event_type, payload, metadata, recorded_at) \
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            let base = current ?? 0
            let now = Date()
            var batch = BatchStatement(type: .logged)
            batch.add(try advance.bind(base + Int64(events.count), stream, current))
            for (offset, event) in events.enumerated() {
                batch.add(try insert.bind(stream, base + Int64(offset) + 1, event.eventType, event.payload, event.metadata, now))
            }
            let result = try await session.batch(batch)
            if result.wasApplied { return .applied }
            let actual: Int64? = try result.first.flatMap { row in
                row.columns.contains { $0.name == "head" } ? try row["head", as: Int64?.self] : nil
            }
            return .conflict(actual: actual)
        }
    }

    /// Runs `body`, wrapping driver errors as ``EventStoreError/Code/driver``.
    func driver<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as EventStoreError {
            throw error
        } catch {
            throw EventStoreError(.driver, "the driver failed; see underlying", underlying: error)
        }
    }
}
