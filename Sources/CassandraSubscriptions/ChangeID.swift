#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// The order and bounds of change ids (`timeuuid`), as Cassandra orders the clustering
/// column of the change log.
///
/// Cassandra's `TimeUUIDType` compares the 60-bit timestamp first, then the remaining
/// eight bytes (clock sequence and node) as *signed* bytes. Checkpoints are compared the
/// same way, so a checkpoint never skips a change the server would return after it.
public enum ChangeID {
    /// Compares two change ids in the change log's order.
    /// - Parameters:
    ///   - left: a version 1 UUID.
    ///   - right: a version 1 UUID.
    /// - Returns: a negative number, zero or a positive number.
    public static func compare(_ left: UUID, _ right: UUID) -> Int {
        let leftTicks = left.timeBasedTicks ?? 0, rightTicks = right.timeBasedTicks ?? 0
        if leftTicks != rightTicks { return leftTicks < rightTicks ? -1 : 1 }
        let leftBytes = bytes(left), rightBytes = bytes(right)
        for offset in 8..<16 where leftBytes[offset] != rightBytes[offset] {
            return Int(Int8(bitPattern: leftBytes[offset])) - Int(Int8(bitPattern: rightBytes[offset]))
        }
        return 0
    }

    /// Whether `left` comes before `right` in the change log.
    /// - Parameters:
    ///   - left: a version 1 UUID.
    ///   - right: a version 1 UUID.
    /// - Returns: `true` when `left` sorts first.
    public static func precedes(_ left: UUID, _ right: UUID) -> Bool { compare(left, right) < 0 }

    /// The smallest change id of a millisecond (Cassandra's `minTimeuuid`): every change
    /// recorded in that millisecond or later sorts after it, every earlier one before.
    /// - Parameter milliseconds: milliseconds since the Unix epoch.
    /// - Returns: a version 1 UUID with the lowest clock sequence and node in signed order.
    public static func lowerBound(milliseconds: Int64) -> UUID {
        let ticks = UInt64(max(0, milliseconds * 10_000 + Int64(TimeUUIDGenerator.unixEpochTicks)))
        // 0x80 is the lowest signed byte; 0x8080 also keeps the RFC 4122 variant bits.
        return TimeUUIDGenerator.uuid(ticks: ticks, clockSequence: 0x0080, node: 0x8080_8080_8080)
    }

    /// The millisecond a change id was recorded in.
    /// - Parameter id: a change id.
    /// - Returns: milliseconds since the Unix epoch, or `nil` for a UUID that is not
    ///   time-based.
    public static func milliseconds(of id: UUID) -> Int64? {
        guard let ticks = id.timeBasedTicks else { return nil }
        let unixTicks = Int64(ticks) - Int64(TimeUUIDGenerator.unixEpochTicks)
        return unixTicks >= 0 ? unixTicks / 10_000 : (unixTicks - 9_999) / 10_000
    }

    /// Milliseconds since the Unix epoch of `date`, rounded down.
    static func milliseconds(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000).rounded(.down))
    }

    private static func bytes(_ id: UUID) -> [UInt8] {
        withUnsafeBytes(of: id.uuid) { Array($0) }
    }
}
