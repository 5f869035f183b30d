#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraDriver

/// A subscription's read position: the last handled change id of a bucket.
struct Checkpoint: Sendable, Hashable {
    /// The bucket.
    var bucket: Int64
    /// The last handled change id, or the bucket's lower bound when none was handled yet;
    /// reading resumes after it.
    var position: UUID

    /// Whether `changeID` comes after this checkpoint.
    func precedes(_ changeID: UUID) -> Bool { ChangeID.precedes(position, changeID) }

    /// The checkpoint with `changeID` handled, unless it is not later.
    func advanced(to changeID: UUID) -> Checkpoint {
        precedes(changeID) ? Checkpoint(bucket: bucket, position: changeID) : self
    }
}

/// The checkpoints table of one subscription and table: a row per bucket, newest first.
/// Rows expire twice the retention after their last write, so a partition stays bounded.
struct SubscriptionCheckpoints: Sendable {
    let changeLog: ChangeLog
    let subscription: String
    let table: String

    /// The newest two checkpoints (current bucket first, then the one before), if any.
    func load() async throws -> [Checkpoint] {
        let (session, cql) = (changeLog.session, """
            SELECT bucket, position FROM \(changeLog.qualified.checkpoints) WHERE subscription = ? AND source_table = ? LIMIT 2
            """)
        return try await SubscriptionError.driver(subscription: subscription, table: table) {
            let select = try await session.prepare(cql)
            return try await session.execute(select, subscription, table).map { row in
                Checkpoint(bucket: try row[0, as: Int64.self], position: try row[1, as: UUID.self])
            }
        }
    }

    /// Stores a checkpoint.
    func save(_ checkpoint: Checkpoint) async throws {
        let (session, cql) = (changeLog.session, """
            INSERT INTO \(changeLog.qualified.checkpoints) (subscription, source_table, bucket, position, updated_at) \
            VALUES (?, ?, ?, ?, ?) USING TTL ?
            """)
        let ttl = Int32(clamping: Int64(changeLog.retentionSeconds) * 2)
        try await SubscriptionError.driver(subscription: subscription, table: table) {
            let insert = try await session.prepare(cql)
            _ = try await session.execute(insert, subscription, table, checkpoint.bucket, checkpoint.position, Date(), ttl)
        }
    }
}
