#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraDriver

/// The lease that makes one subscriber per subscription name active: a row of the lease
/// table written with a lightweight transaction and a TTL. The holder renews it
/// (`UPDATE … IF owner = me`); when it stops, the row expires and another instance's
/// `INSERT … IF NOT EXISTS` succeeds.
struct SubscriptionLease: Sendable {
    let changeLog: ChangeLog
    let subscription: String
    let owner: String
    let ttl: Duration

    private var ttlSeconds: Int32 { Int32(clamping: max(ttl.milliseconds / 1_000, 1)) }

    /// Takes the lease if nobody holds it (or this owner does).
    /// - Returns: whether this owner holds it now.
    func acquire() async throws -> Bool {
        let table = changeLog.qualified.leases
        let session = changeLog.session
        return try await SubscriptionError.driver(subscription: subscription) {
            let insert = try await session.prepare(
                "INSERT INTO \(table) (subscription, owner, acquired_at) VALUES (?, ?, ?) IF NOT EXISTS USING TTL ?")
            let result = try await session.execute(insert, subscription, owner, Date(), ttlSeconds)
            if result.wasApplied { return true }
            let holder = try result.first.flatMap { row in
                row.columns.contains { $0.name == "owner" } ? try row["owner", as: String?.self] : nil
            }
            return holder == owner ? try await renew() : false
        }
    }

    /// Extends the lease, if this owner still holds it.
    /// - Returns: whether it does.
    func renew() async throws -> Bool {
        let table = changeLog.qualified.leases
        let session = changeLog.session
        return try await SubscriptionError.driver(subscription: subscription) {
            let update = try await session.prepare("UPDATE \(table) USING TTL ? SET owner = ? WHERE subscription = ? IF owner = ?")
            return try await session.execute(update, ttlSeconds, owner, subscription, owner).wasApplied
        }
    }

    /// Gives the lease up, if this owner holds it.
    func release() async throws {
        let table = changeLog.qualified.leases
        let session = changeLog.session
        try await SubscriptionError.driver(subscription: subscription) {
            let delete = try await session.prepare("DELETE FROM \(table) WHERE subscription = ? IF owner = ?")
            _ = try await session.execute(delete, subscription, owner)
        }
    }
}
