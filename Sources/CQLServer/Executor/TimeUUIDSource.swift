#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// Time-based UUIDs for `now()` and the `minTimeuuid`/`maxTimeuuid` bounds, on top of
/// CQLProtocol's process-wide ``TimeUUIDGenerator``.
enum TimeUUIDSource {
    /// A unique version 1 UUID stamped at `millis`.
    static func next(millis: Int64) -> UUID {
        UUID.timeBased(timestamp: Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    /// The smallest (or largest) timeuuid of the millisecond `millis`, as Cassandra's
    /// `minTimeuuid`/`maxTimeuuid` define them (used only for range bounds).
    static func bound(millis: Int64, lowest: Bool) -> UUID {
        let base = UInt64(max(0, millis * 10_000 + Int64(TimeUUIDGenerator.unixEpochTicks)))
        let ticks = lowest ? base : base + 9_999
        return TimeUUIDGenerator.uuid(ticks: ticks, clockSequence: lowest ? 0x0080 : 0x3F7F,
                                      node: lowest ? 0x8080_8080_8080 : 0x7F7F_7F7F_7F7F)
    }

    /// The millisecond a version 1 UUID was stamped at.
    static func millis(of uuid: UUID) -> Int64? {
        guard let ticks = uuid.timeBasedTicks else { return nil }
        return (Int64(ticks) - Int64(TimeUUIDGenerator.unixEpochTicks)) / 10_000
    }
}
