#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraORM

/// One recorded change, as a subscription handler receives it.
public struct ChangeEvent: Sendable, Hashable {
    /// The change id: a `timeuuid` made by the writer when it wrote the change, the order
    /// of the change log.
    public var id: UUID
    /// The captured table.
    public var table: String
    /// The kind of write.
    public var operation: ChangeOperation
    /// The row(s) written: the primary key fields of a save, the key query (possibly with
    /// `$in` or range operators) of an update or delete.
    public var key: [String: ORMValue]
    /// The values written: a save's fields, an update's assignments (operator objects such
    /// as `["$incr": 1]` stay as written), nothing for a delete.
    public var values: [String: ORMValue]
    /// The time bucket of the change log that holds the change.
    public var bucket: Int64
    /// Which delivery this is: 1 the first time, more after the handler threw.
    public var attempt: Int

    /// Creates an event.
    /// - Parameters:
    ///   - id: the change id (a version 1 UUID).
    ///   - table: the captured table.
    ///   - operation: the kind of write.
    ///   - key: the key fields or query.
    ///   - values: the values written.
    ///   - bucket: the change log bucket.
    ///   - attempt: the delivery attempt.
    public init(id: UUID, table: String, operation: ChangeOperation, key: [String: ORMValue], values: [String: ORMValue],
                bucket: Int64, attempt: Int = 1) {
        self.id = id
        self.table = table
        self.operation = operation
        self.key = key
        self.values = values
        self.bucket = bucket
        self.attempt = attempt
    }

    /// When the writer recorded the change (the time in ``id``, by the writer's clock).
    public var timestamp: Date { id.timeBasedDate ?? Date(timeIntervalSince1970: 0) }

    /// What conditions are evaluated on: the key fields overlaid with the values.
    public var fields: [String: ORMValue] { key.merging(values) { _, value in value } }
}
