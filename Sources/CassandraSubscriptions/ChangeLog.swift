#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraDriver
import CassandraORM
import CQLProtocol

/// A transactional-outbox change log in Cassandra: captured writes record a change row in
/// the same logged batch as the data, and subscriptions read the log in order, checkpointed.
///
/// ```swift
/// let log = try ChangeLog(session: try client.driver, keyspace: client.keyspace)
/// try await log.createSchema()
/// let orders = log.capture(try await client.loadSchema("orders", fields: …, key: ["id"]))
/// try await orders.save(["id": id, "status": "paid", "total": 120])
///
/// let paid = try log.subscribe(name: "mailer", table: "orders", operations: [.insert, .update],
///                              where: ["status": "paid"])
/// try await paid.run { event in try await sendReceipt(event) }
/// ```
///
/// ## Layout
/// The changes table is partitioned by `(source_table, bucket)`, where the bucket is the
/// change id's time divided by ``ChangeBuckets/widthMilliseconds``, and clustered by the
/// change id (`timeuuid`, ascending). No partition grows without bound, and every row
/// expires after ``retention`` (`USING TTL`). Checkpoints, dead letters and leases live
/// in their own tables (see ``Tables``).
///
/// Cassandra's own CDC writes commit-log segments on each server's disk, which clients
/// cannot read over CQL; this log works on any Cassandra 4.x or ScyllaDB cluster.
public struct ChangeLog: Sendable {
    /// The session the log uses.
    public let session: Session
    /// The keyspace holding the tables.
    public let keyspace: String
    /// The table names.
    public let tables: Tables
    /// The time buckets of the changes table.
    public let buckets: ChangeBuckets
    /// How long a change is kept (its TTL); subscribers further behind lose changes.
    public let retention: Duration
    let qualified: QualifiedTables

    /// Creates a change log; no request is sent.
    /// - Parameters:
    ///   - session: a connected session.
    ///   - keyspace: the (existing) keyspace for the tables.
    ///   - tables: the table names.
    ///   - bucketWidth: the width of a time bucket (see ``ChangeBuckets``).
    ///   - retention: how long changes are kept; at least a second and at least one bucket.
    /// - Throws: ``SubscriptionError/Code/invalidIdentifier`` for invalid names,
    ///   ``SubscriptionError/Code/invalidArgument`` for a bad width or retention.
    public init(session: Session, keyspace: String, tables: Tables = Tables(), bucketWidth: Duration = .seconds(60),
                retention: Duration = .seconds(7 * 86_400)) throws {
        self.session = session
        self.keyspace = keyspace
        self.tables = tables
        self.qualified = try QualifiedTables(keyspace: keyspace, tables: tables)
        self.buckets = try ChangeBuckets(width: bucketWidth)
        guard retention >= .seconds(1), retention.milliseconds >= buckets.widthMilliseconds,
              retention.milliseconds / 1_000 <= Int64(Int32.max) else {
            throw SubscriptionError(.invalidArgument, "retention must be at least 1 s and one bucket wide, and fit a CQL TTL")
        }
        self.retention = retention
    }

    /// The retention as a TTL in seconds.
    var retentionSeconds: Int32 { Int32(retention.milliseconds / 1_000) }

    /// Creates the changes, checkpoints, dead-letter and lease tables unless they exist,
    /// then waits for schema agreement. Safe to call on every start.
    /// - Throws: ``SubscriptionError/Code/driver``, ``SubscriptionError/Code/schemaAgreementTimeout``.
    public func createSchema() async throws {
        let statements = [
            """
            CREATE TABLE IF NOT EXISTS \(qualified.changes) (source_table text, bucket bigint, change_id timeuuid, \
            operation text, primary_key text, changed_values text, \
            PRIMARY KEY ((source_table, bucket), change_id)) WITH CLUSTERING ORDER BY (change_id ASC)
            """,
            """
            CREATE TABLE IF NOT EXISTS \(qualified.checkpoints) (subscription text, source_table text, bucket bigint, \
            position timeuuid, updated_at timestamp, \
            PRIMARY KEY ((subscription, source_table), bucket)) WITH CLUSTERING ORDER BY (bucket DESC)
            """,
            """
            CREATE TABLE IF NOT EXISTS \(qualified.deadLetters) (subscription text, change_id timeuuid, source_table text, \
            bucket bigint, operation text, primary_key text, changed_values text, error text, attempts int, \
            failed_at timestamp, PRIMARY KEY (subscription, change_id))
            """,
            "CREATE TABLE IF NOT EXISTS \(qualified.leases) (subscription text PRIMARY KEY, owner text, acquired_at timestamp)",
        ]
        try await SubscriptionError.driver {
            for statement in statements { try await session.execute(statement) }
            guard try await session.waitForSchemaAgreement() else {
                throw SubscriptionError(.schemaAgreementTimeout, "nodes did not agree on the change log schema; check the cluster")
            }
        }
    }

    /// The `INSERT` of one change, to put in the batch of the data write it describes.
    /// - Parameters:
    ///   - table: the captured table.
    ///   - operation: the kind of write.
    ///   - key: the key fields or query.
    ///   - values: the values written.
    ///   - changeID: the change id; a new `timeuuid` by default.
    /// - Returns: the bound statement and the change id.
    /// - Throws: ``SubscriptionError/Code/encodingFailed``, ``SubscriptionError/Code/driver``.
    public func recordStatement(table: String, operation: ChangeOperation, key: [String: ORMValue], values: [String: ORMValue],
                                changeID: UUID = UUID.timeBased()) async throws -> (statement: BoundStatement, changeID: UUID) {
        guard let bucket = buckets.bucket(of: changeID) else {
            throw SubscriptionError(.invalidArgument, "a change id must be a time-based (version 1) UUID", table: table)
        }
        let keyJSON = try ChangeValues.encode(key), valuesJSON = try ChangeValues.encode(values)
        let ttl = retentionSeconds
        let statement = try await SubscriptionError.driver(table: table) {
            let insert = try await session.prepare("""
                INSERT INTO \(qualified.changes) (source_table, bucket, change_id, operation, primary_key, changed_values) \
                VALUES (?, ?, ?, ?, ?, ?) USING TTL ?
                """)
            return try insert.bind(table, bucket, changeID, operation.rawValue, keyJSON, valuesJSON, ttl)
        }
        return (statement, changeID)
    }

    /// Records one change on its own, outside any batch: for writes that cannot share a
    /// batch with it (see ``CapturedModel``), or to repair a ``SubscriptionError/Code/captureFailed``.
    /// - Parameters:
    ///   - table: the captured table.
    ///   - operation: the kind of write.
    ///   - key: the key fields or query.
    ///   - values: the values written.
    /// - Returns: the change id.
    /// - Throws: ``SubscriptionError/Code/encodingFailed``, ``SubscriptionError/Code/driver``.
    @discardableResult
    public func record(table: String, operation: ChangeOperation, key: [String: ORMValue], values: [String: ORMValue])
        async throws -> UUID {
        let (statement, changeID) = try await recordStatement(table: table, operation: operation, key: key, values: values)
        _ = try await SubscriptionError.driver(table: table) { try await session.execute(statement) }
        return changeID
    }

    /// The changes of one bucket of one table, in change-id order.
    /// - Parameters:
    ///   - table: the captured table.
    ///   - bucket: the bucket.
    ///   - after: return only changes after this id (exclusive); `nil`: from the start.
    ///   - before: return only changes before this id (exclusive); `nil`: to the end.
    ///   - limit: the most changes to return.
    /// - Returns: the changes, with ``ChangeEvent/attempt`` 1.
    /// - Throws: ``SubscriptionError/Code/driver``, ``SubscriptionError/Code/decodingFailed``.
    public func changes(table: String, bucket: Int64, after: UUID? = nil, before: UUID? = nil, limit: Int = 1_000)
        async throws -> [ChangeEvent] {
        guard limit > 0 else { throw SubscriptionError(.invalidArgument, "the limit must be positive", table: table) }
        var cql = """
            SELECT change_id, operation, primary_key, changed_values FROM \(qualified.changes) \
            WHERE source_table = ? AND bucket = ?
            """
        var values: [any CQLEncodable & Sendable] = [table, bucket]
        if let after {
            cql += " AND change_id > ?"
            values.append(after)
        }
        if let before {
            cql += " AND change_id < ?"
            values.append(before)
        }
        cql += " LIMIT ?"
        values.append(Int32(clamping: limit))
        let rows = try await SubscriptionError.driver(table: table) {
            let select = try await session.prepare(cql)
            return Array(try await session.execute(select.bind(values: values)))
        }
        return try rows.map { row throws(SubscriptionError) in try Self.event(from: row, table: table, bucket: bucket) }
    }

    /// The change of one row of ``changes(table:bucket:after:before:limit:)``.
    private static func event(from row: Row, table: String, bucket: Int64) throws(SubscriptionError) -> ChangeEvent {
        let id: UUID, operationName: String, keyJSON: String, valuesJSON: String
        do {
            id = try row[0, as: UUID.self]
            operationName = try row[1, as: String.self]
            keyJSON = try row[2, as: String.self]
            valuesJSON = try row[3, as: String.self]
        } catch {
            throw SubscriptionError(.decodingFailed, "a change row has unexpected columns; check the table schema", table: table,
                                    underlying: error)
        }
        guard let operation = ChangeOperation(rawValue: operationName) else {
            throw SubscriptionError(.decodingFailed, "unknown change operation '\(operationName)'", table: table)
        }
        return ChangeEvent(id: id, table: table, operation: operation, key: try ChangeValues.decode(keyJSON),
                           values: try ChangeValues.decode(valuesJSON), bucket: bucket)
    }
}
