#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Makes version 1 (time-based) UUIDs for `timeuuid` columns (RFC 4122 §4.2).
///
/// A pure value: the caller supplies every timestamp, and the generator only remembers the
/// last tick it used. Ticks are 100-nanosecond intervals since 1582-10-15T00:00:00Z. When a
/// timestamp falls in the same tick as the previous UUID, or earlier (a clock step back),
/// the generator uses the previous tick plus one, so it never returns the same UUID twice;
/// under sustained generation faster than ten million per second the stamped times run
/// slightly ahead of the clock.
///
/// For a process-wide generator use ``Foundation/UUID/timeBased(timestamp:clockSequence:node:)``.
public struct TimeUUIDGenerator: Sendable, Hashable {
    /// The number of 100-ns ticks between 1582-10-15 and 1970-01-01.
    public static let unixEpochTicks: UInt64 = 0x01B2_1DD2_1381_4000

    /// The node identifier; only the low 48 bits are used.
    public var node: UInt64
    /// The clock sequence; only the low 14 bits are used.
    public var clockSequence: UInt16
    /// The tick of the most recent UUID, or `nil` before the first.
    public private(set) var lastTicks: UInt64?

    /// Creates a generator.
    /// - Parameters:
    ///   - node: The node identifier (low 48 bits).
    ///   - clockSequence: The clock sequence (low 14 bits).
    public init(node: UInt64, clockSequence: UInt16) {
        self.node = node & 0xFFFF_FFFF_FFFF
        self.clockSequence = clockSequence & 0x3FFF
    }

    /// A generator with a random node (multicast bit set, as RFC 4122 §4.5 requires for
    /// node IDs that are not MAC addresses) and a random clock sequence.
    /// - Returns: The generator.
    public static func random() -> TimeUUIDGenerator {
        var random = SystemRandomNumberGenerator()
        return TimeUUIDGenerator(node: random.next() | 0x0100_0000_0000, clockSequence: random.next())
    }

    /// Returns the next UUID for `timestamp`, strictly later than the previous one.
    /// - Parameter timestamp: The current time, read by the caller.
    /// - Returns: A version 1 UUID.
    public mutating func next(timestamp: Date) -> UUID {
        var ticks = Self.ticks(for: timestamp)
        if let lastTicks, ticks <= lastTicks { ticks = (lastTicks &+ 1) & Self.maximumTicks }
        lastTicks = ticks
        return Self.uuid(ticks: ticks, clockSequence: clockSequence, node: node)
    }

    /// The largest tick a version 1 UUID can hold (60 bits).
    public static let maximumTicks: UInt64 = (1 << 60) - 1

    /// The tick of a date, clamped to the 60-bit range of version 1 UUIDs.
    /// - Parameter date: The instant.
    /// - Returns: 100-ns intervals since 1582-10-15T00:00:00Z.
    public static func ticks(for date: Date) -> UInt64 {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite else { return seconds > 0 ? maximumTicks : 0 }
        let whole = seconds.rounded(.down)
        let limit = Double(maximumTicks / 10_000_000)
        guard whole > -Double(unixEpochTicks / 10_000_000) - 1 else { return 0 }
        guard whole < limit else { return maximumTicks }
        let fraction = UInt64(((seconds - whole) * 10_000_000).rounded(.down))
        let total = Int64(whole) * 10_000_000 + Int64(fraction) + Int64(unixEpochTicks)
        return total < 0 ? 0 : min(UInt64(total), maximumTicks)
    }

    /// Assembles a version 1, RFC 4122 variant UUID.
    /// - Parameters:
    ///   - ticks: 100-ns intervals since 1582-10-15 (low 60 bits used).
    ///   - clockSequence: The clock sequence (low 14 bits used).
    ///   - node: The node identifier (low 48 bits used).
    /// - Returns: The UUID.
    public static func uuid(ticks: UInt64, clockSequence: UInt16, node: UInt64) -> UUID {
        let timeLow = UInt32(truncatingIfNeeded: ticks)
        let timeMid = UInt16(truncatingIfNeeded: ticks >> 32)
        let timeHigh = UInt16(truncatingIfNeeded: ticks >> 48) & 0x0FFF | 0x1000
        let sequence = clockSequence & 0x3FFF | 0x8000
        func byte<T: FixedWidthInteger>(_ value: T, _ shift: Int) -> UInt8 { UInt8(truncatingIfNeeded: value >> shift) }
        return UUID(uuid: (
            byte(timeLow, 24), byte(timeLow, 16), byte(timeLow, 8), byte(timeLow, 0),
            byte(timeMid, 8), byte(timeMid, 0), byte(timeHigh, 8), byte(timeHigh, 0),
            byte(sequence, 8), byte(sequence, 0),
            byte(node, 40), byte(node, 32), byte(node, 24), byte(node, 16), byte(node, 8), byte(node, 0)))
    }
}

extension UUID {
    /// The process-wide generator behind ``timeBased(timestamp:clockSequence:node:)``.
    @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
    private static let sharedTimeUUIDGenerator = Mutex(TimeUUIDGenerator.random())

    /// A new version 1 UUID, unique within this process.
    ///
    /// All calls share one generator, so UUIDs are strictly increasing in their time field
    /// even when several are made within one 100-ns tick (see ``TimeUUIDGenerator``).
    /// - Parameters:
    ///   - timestamp: The time to stamp; the default reads the system clock, the only clock
    ///     read in this module. Pass a value for deterministic code and tests.
    ///   - clockSequence: A clock sequence to stamp instead of the process's random one.
    ///   - node: A node identifier (low 48 bits) instead of the process's random one.
    /// - Returns: The UUID.
    @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
    public static func timeBased(timestamp: Date = Date(), clockSequence: UInt16? = nil, node: UInt64? = nil) -> UUID {
        sharedTimeUUIDGenerator.withLock { generator in
            let shared = generator.next(timestamp: timestamp)
            guard clockSequence != nil || node != nil, let ticks = shared.timeBasedTicks else { return shared }
            return TimeUUIDGenerator.uuid(
                ticks: ticks, clockSequence: clockSequence ?? generator.clockSequence, node: node ?? generator.node)
        }
    }

    /// Whether this is a version 1 (time-based) UUID.
    public var isTimeBased: Bool { uuid.6 >> 4 == 1 }

    /// The 60-bit timestamp of a version 1 UUID in 100-ns ticks since 1582-10-15, or `nil`
    /// for other versions.
    public var timeBasedTicks: UInt64? {
        guard isTimeBased else { return nil }
        let u = uuid
        let timeLow = UInt64(u.0) << 24 | UInt64(u.1) << 16 | UInt64(u.2) << 8 | UInt64(u.3)
        let timeMid = UInt64(u.4) << 8 | UInt64(u.5)
        let timeHigh = UInt64(u.6 & 0x0F) << 8 | UInt64(u.7)
        return timeHigh << 48 | timeMid << 32 | timeLow
    }

    /// The instant stamped in a version 1 UUID, or `nil` for other versions.
    public var timeBasedDate: Date? {
        guard let ticks = timeBasedTicks else { return nil }
        let unixTicks = Int64(ticks) - Int64(TimeUUIDGenerator.unixEpochTicks)
        let seconds = unixTicks.quotientAndRemainder(dividingBy: 10_000_000)
        return Date(timeIntervalSince1970: Double(seconds.quotient) + Double(seconds.remainder) / 10_000_000)
    }
}
