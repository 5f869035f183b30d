#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraDriver
import CassandraORM

/// A ``CassandraORM/Model`` whose writes record a change in the ``ChangeLog``: one line at
/// the call site (`log.capture(model)`), the same `save`/`update`/`delete` as the model.
///
/// ```swift
/// let orders = log.capture(Orders)
/// try await orders.update(where: ["id": id], set: ["status": "shipped"])
/// ```
///
/// ## Atomicity
/// A plain write and its change row go in one **logged batch**: Cassandra applies both or
/// neither, so a subscriber never sees a change that was not written, and no applied write
/// lacks its change.
///
/// A **conditional** write (`ifNotExists`, `ifExists`, `conditions`) or a write to a model
/// with **unique fields** (whose lookups are conditional writes on other partitions) cannot
/// join a multi-table batch. Those run as the model runs them; once applied, the change is
/// recorded in a second write. If the process dies between the two, or the second write
/// fails, the data is written and the change is missing: the failure is reported as
/// ``SubscriptionError/Code/captureFailed`` (the change is then re-recordable with
/// ``ChangeLog/record(table:operation:key:values:)``), a crash is not. Such changes also
/// carry the values as passed, before defaults, timestamps and `before` hooks.
public struct CapturedModel: Sendable {
    /// The model whose writes are captured.
    public let model: Model
    /// The log the changes go to.
    public let changeLog: ChangeLog

    /// Wraps a model; see ``ChangeLog/capture(_:)``.
    /// - Parameters:
    ///   - model: the model.
    ///   - changeLog: the log.
    public init(model: Model, changeLog: ChangeLog) {
        self.model = model
        self.changeLog = changeLog
    }

    /// ``CassandraORM/Model/save(_:options:)`` plus an ``ChangeOperation/insert`` change.
    /// - Parameters:
    ///   - values: field values; every primary key field is required.
    ///   - options: as for the model (`ifNotExists` records the change after the write).
    /// - Returns: whether it was applied; no change is recorded when it was not.
    /// - Throws: ``SubscriptionError`` (``SubscriptionError/Code/orm`` wraps the model's
    ///   ``CassandraORM/ORMError``).
    @discardableResult
    public func save(_ values: [String: ORMValue], options: SaveOptions = .init()) async throws -> WriteResult {
        if options.ifNotExists || !model.uniqueFields.isEmpty {
            let result = try await orm { try await model.save(values, options: options) }
            if result.applied { try await recordAfter(.insert, key: keyFields(values), values: values) }
            return result
        }
        return try await orm {
            try await model.client.batch(options: .init(consistency: options.consistency)) { batch in
                try await batch.save(self, values, options: options)
            }
        }
    }

    /// ``CassandraORM/Model/update(where:set:options:)`` plus an ``ChangeOperation/update`` change.
    /// - Parameters:
    ///   - query: the primary key (`$eq`/`$in`).
    ///   - assignments: values or collection operators.
    ///   - options: as for the model (conditions record the change after the write).
    /// - Returns: whether it was applied; no change is recorded when it was not.
    /// - Throws: ``SubscriptionError``.
    @discardableResult
    public func update(where query: [String: ORMValue], set assignments: [String: ORMValue],
                       options: UpdateOptions = .init()) async throws -> WriteResult {
        if options.ifExists || !options.conditions.isEmpty || !model.uniqueFields.isEmpty {
            let result = try await orm { try await model.update(where: query, set: assignments, options: options) }
            if result.applied { try await recordAfter(.update, key: query, values: assignments) }
            return result
        }
        return try await orm {
            try await model.client.batch(options: .init(consistency: options.consistency)) { batch in
                try await batch.update(self, where: query, set: assignments, options: options)
            }
        }
    }

    /// ``CassandraORM/Model/delete(where:options:)`` plus a ``ChangeOperation/delete`` change.
    /// - Parameters:
    ///   - query: the partition key, optionally clustering restrictions.
    ///   - options: as for the model (conditions record the change after the write).
    /// - Returns: whether it was applied; no change is recorded when it was not.
    /// - Throws: ``SubscriptionError``.
    @discardableResult
    public func delete(where query: [String: ORMValue], options: UpdateOptions = .init()) async throws -> WriteResult {
        if options.ifExists || !options.conditions.isEmpty || !model.uniqueFields.isEmpty {
            let result = try await orm { try await model.delete(where: query, options: options) }
            if result.applied { try await recordAfter(.delete, key: query, values: [:]) }
            return result
        }
        return try await orm {
            try await model.client.batch(options: .init(consistency: options.consistency)) { batch in
                try await batch.delete(self, where: query, options: options)
            }
        }
    }

    /// The primary key fields of `values`.
    func keyFields(_ values: [String: ORMValue]) -> [String: ORMValue] {
        var key: [String: ORMValue] = [:]
        for field in model.partitionKey + model.clusteringKey { key[field] = values[field] ?? .null }
        return key
    }

    private func recordAfter(_ operation: ChangeOperation, key: [String: ORMValue], values: [String: ORMValue]) async throws {
        do {
            try await changeLog.record(table: model.table, operation: operation, key: key, values: values)
        } catch {
            throw SubscriptionError(.captureFailed, "the \(operation) was applied but its change was not recorded; record it again",
                                    table: model.table, underlying: error)
        }
    }

    private func orm<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SubscriptionError {
            throw error
        } catch let error as ORMError {
            throw SubscriptionError(.orm, "the model refused or failed the write; see underlying", table: model.table,
                                    underlying: error)
        }
    }
}

extension ChangeLog {
    /// A model whose writes record their changes in this log.
    /// - Parameter model: the model.
    /// - Returns: the capturing wrapper.
    public func capture(_ model: Model) -> CapturedModel { CapturedModel(model: model, changeLog: self) }
}
