#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The time buckets that partition the change log: bucket `n` holds the changes recorded
/// from `n × width` (inclusive) to `(n + 1) × width` (exclusive) milliseconds after the
/// Unix epoch, one partition per captured table and bucket.
///
/// The width bounds a partition: pick it so that one bucket of one table holds at most
/// some hundred thousand changes (a minute for busy tables, an hour for quiet ones). A
/// subscriber reads one bucket at a time, so catching up over a retention period costs
/// one query per bucket even when buckets are empty.
public struct ChangeBuckets: Sendable, Hashable {
    /// The width of a bucket in milliseconds.
    public let widthMilliseconds: Int64

    /// Creates a bucket layout.
    /// - Parameter width: the width of a bucket; at least a millisecond.
    /// - Throws: ``SubscriptionError/Code/invalidArgument`` for a shorter width.
    public init(width: Duration) throws(SubscriptionError) {
        let milliseconds = width.milliseconds
        guard milliseconds >= 1 else {
            throw SubscriptionError(.invalidArgument, "a bucket must be at least 1 ms wide; use minutes for busy tables")
        }
        widthMilliseconds = milliseconds
    }

    /// The bucket of an instant given in milliseconds since the Unix epoch (floor
    /// division, so instants before the epoch fall into negative buckets).
    /// - Parameter milliseconds: the instant.
    /// - Returns: the bucket number.
    public func bucket(milliseconds: Int64) -> Int64 {
        let (quotient, remainder) = milliseconds.quotientAndRemainder(dividingBy: widthMilliseconds)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// The bucket of an instant.
    /// - Parameter date: the instant.
    /// - Returns: the bucket number.
    public func bucket(containing date: Date) -> Int64 { bucket(milliseconds: ChangeID.milliseconds(of: date)) }

    /// The bucket that holds a change.
    /// - Parameter changeID: a change id (version 1 UUID).
    /// - Returns: the bucket number, or `nil` for a UUID that is not time-based.
    public func bucket(of changeID: UUID) -> Int64? {
        ChangeID.milliseconds(of: changeID).map { bucket(milliseconds: $0) }
    }

    /// The first millisecond of a bucket.
    /// - Parameter bucket: the bucket number.
    /// - Returns: milliseconds since the Unix epoch.
    public func startMilliseconds(of bucket: Int64) -> Int64 { bucket * widthMilliseconds }

    /// The first millisecond after a bucket (the start of the next one).
    /// - Parameter bucket: the bucket number.
    /// - Returns: milliseconds since the Unix epoch.
    public func endMilliseconds(of bucket: Int64) -> Int64 { (bucket + 1) * widthMilliseconds }
}

extension Duration {
    /// The whole milliseconds of the duration, rounded down.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}
