#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraDriver

/// A change whose handler failed every attempt, as stored in the dead-letter table.
public struct DeadLetter: Sendable, Hashable {
    /// The subscription whose handler failed.
    public var subscription: String
    /// The change.
    public var event: ChangeEvent
    /// `String(describing:)` of the last error the handler threw.
    public var error: String
    /// How many times the handler was called.
    public var attempts: Int
    /// When the change was dead-lettered.
    public var failedAt: Date
}

extension ChangeLog {
    /// The dead letters of a subscription, in change-id order.
    /// - Parameter subscription: the subscription name.
    /// - Returns: the dead letters.
    /// - Throws: ``SubscriptionError/Code/driver``, ``SubscriptionError/Code/decodingFailed``.
    public func deadLetters(subscription: String) async throws -> [DeadLetter] {
        let rows = try await SubscriptionError.driver(subscription: subscription) {
            let select = try await session.prepare("""
                SELECT change_id, source_table, bucket, operation, primary_key, changed_values, error, attempts, failed_at \
                FROM \(qualified.deadLetters) WHERE subscription = ?
                """)
            return Array(try await session.execute(select, subscription))
        }
        return try rows.map { row throws(SubscriptionError) in
            let operationName: String, table: String, keyJSON: String, valuesJSON: String
            let id: UUID, bucket: Int64, error: String, attempts: Int32, failedAt: Date
            do {
                id = try row[0, as: UUID.self]
                table = try row[1, as: String.self]
                bucket = try row[2, as: Int64.self]
                operationName = try row[3, as: String.self]
                keyJSON = try row[4, as: String.self]
                valuesJSON = try row[5, as: String.self]
                error = try row[6, as: String.self]
                attempts = try row[7, as: Int32.self]
                failedAt = try row[8, as: Date.self]
            } catch {
                throw SubscriptionError(.decodingFailed, "a dead-letter row has unexpected columns", subscription: subscription,
                                        underlying: error)
            }
            guard let operation = ChangeOperation(rawValue: operationName) else {
                throw SubscriptionError(.decodingFailed, "unknown change operation '\(operationName)'", subscription: subscription)
            }
            let event = ChangeEvent(id: id, table: table, operation: operation, key: try ChangeValues.decode(keyJSON),
                                    values: try ChangeValues.decode(valuesJSON), bucket: bucket, attempt: Int(attempts))
            return DeadLetter(subscription: subscription, event: event, error: error, attempts: Int(attempts), failedAt: failedAt)
        }
    }

    /// Stores a change whose handler failed `attempts` times.
    func deadLetter(_ event: ChangeEvent, subscription: String, error: String, attempts: Int) async throws {
        let keyJSON = try ChangeValues.encode(event.key), valuesJSON = try ChangeValues.encode(event.values)
        try await SubscriptionError.driver(subscription: subscription) {
            let insert = try await session.prepare("""
                INSERT INTO \(qualified.deadLetters) (subscription, change_id, source_table, bucket, operation, primary_key, \
                changed_values, error, attempts, failed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            _ = try await session.execute(insert, subscription, event.id, event.table, event.bucket, event.operation.rawValue,
                                          keyJSON, valuesJSON, error, Int32(clamping: attempts), Date())
        }
    }
}
