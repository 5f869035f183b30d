#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraDriver
import CassandraORM

/// Captured writes inside an ORM batch: each adds the data write and its change row, so a
/// batch of several captured (and plain) writes still applies all or nothing.
///
/// ```swift
/// try await client.batch { batch in
///     try await batch.save(orders, ["id": orderID, "status": "new"])
///     try await batch.update(customers, where: ["id": customerID], set: ["last_order": orderID])
/// }
/// ```
extension ORMBatch {
    /// Adds a captured insert and its change.
    /// - Parameters:
    ///   - captured: the captured model.
    ///   - values: field values.
    ///   - options: `ttl` and `timestamp`; `ifNotExists` is refused (a conditional batch
    ///     cannot span the change log's table).
    /// - Returns: the change id.
    /// - Throws: ``SubscriptionError``, ``CassandraORM/ORMError``.
    @discardableResult
    public mutating func save(_ captured: CapturedModel, _ values: [String: ORMValue], options: SaveOptions = .init())
        async throws -> UUID {
        try refuseConditions(captured, options.ifNotExists)
        let written = try await save(captured.model, values, options: options)
        return try await addChange(captured, .insert, key: captured.keyFields(written), values: written)
    }

    /// Adds a captured update and its change.
    /// - Parameters:
    ///   - captured: the captured model.
    ///   - query: the primary key.
    ///   - assignments: values or collection operators.
    ///   - options: `ttl` and `timestamp`; conditions are refused.
    /// - Returns: the change id.
    /// - Throws: ``SubscriptionError``, ``CassandraORM/ORMError``.
    @discardableResult
    public mutating func update(_ captured: CapturedModel, where query: [String: ORMValue], set assignments: [String: ORMValue],
                                options: UpdateOptions = .init()) async throws -> UUID {
        try refuseConditions(captured, options.ifExists || !options.conditions.isEmpty)
        let written = try await update(captured.model, where: query, set: assignments, options: options)
        return try await addChange(captured, .update, key: written.where, values: written.set)
    }

    /// Adds a captured delete and its change.
    /// - Parameters:
    ///   - captured: the captured model.
    ///   - query: the key.
    ///   - options: `timestamp`; conditions are refused.
    /// - Returns: the change id.
    /// - Throws: ``SubscriptionError``, ``CassandraORM/ORMError``.
    @discardableResult
    public mutating func delete(_ captured: CapturedModel, where query: [String: ORMValue], options: UpdateOptions = .init())
        async throws -> UUID {
        try refuseConditions(captured, options.ifExists || !options.conditions.isEmpty)
        let written = try await delete(captured.model, where: query, options: options)
        return try await addChange(captured, .delete, key: written, values: [:])
    }

    private mutating func addChange(_ captured: CapturedModel, _ operation: ChangeOperation, key: [String: ORMValue],
                                    values: [String: ORMValue]) async throws -> UUID {
        let (statement, changeID) = try await captured.changeLog.recordStatement(
            table: captured.model.table, operation: operation, key: key, values: values)
        add(statement, table: captured.changeLog.tables.changes)
        return changeID
    }

    private func refuseConditions(_ captured: CapturedModel, _ isConditional: Bool) throws(SubscriptionError) {
        guard isConditional else { return }
        throw SubscriptionError(.invalidArgument,
                                "a conditional write cannot share a batch with its change; use the CapturedModel's own save/update/delete",
                                table: captured.model.table)
    }
}
