/// A CQL `duration`: months, days and nanoseconds kept apart, because their lengths in
/// absolute time vary (native_protocol_v4.spec §6.4).
///
/// On the wire each component is a `[vint]`. Cassandra requires the three components to
/// share a sign (all ≥ 0 or all ≤ 0); the codec rejects mixed signs in both directions.
public struct CQLDuration: Sendable, Hashable, CustomStringConvertible, Codable {
    /// Whole months.
    public var months: Int32
    /// Whole days.
    public var days: Int32
    /// Nanoseconds.
    public var nanoseconds: Int64

    /// Creates a duration.
    /// - Parameters:
    ///   - months: Whole months.
    ///   - days: Whole days.
    ///   - nanoseconds: Nanoseconds.
    public init(months: Int32 = 0, days: Int32 = 0, nanoseconds: Int64 = 0) {
        self.months = months
        self.days = days
        self.nanoseconds = nanoseconds
    }

    /// Whether the components share a sign, as Cassandra requires.
    public var hasConsistentSigns: Bool {
        let all = [Int64(months), Int64(days), nanoseconds]
        return all.allSatisfy { $0 >= 0 } || all.allSatisfy { $0 <= 0 }
    }

    /// Cassandra's text form, e.g. `1y2mo3d4h5m6s7ms8us9ns` or `-2d`; zero is `0s`.
    public var description: String {
        guard months != 0 || days != 0 || nanoseconds != 0 else { return "0s" }
        var text = months < 0 || days < 0 || nanoseconds < 0 ? "-" : ""
        func append(_ value: UInt64, _ unit: UInt64, _ suffix: String) -> UInt64 {
            guard value >= unit else { return value }
            text += "\(value / unit)\(suffix)"
            return value % unit
        }
        let monthsLeft = append(UInt64(months.magnitude), 12, "y")
        _ = append(monthsLeft, 1, "mo")
        _ = append(UInt64(days.magnitude), 1, "d")
        var rest = nanoseconds.magnitude
        for (unit, suffix) in [(UInt64(3_600_000_000_000), "h"), (60_000_000_000, "m"), (1_000_000_000, "s"),
                               (1_000_000, "ms"), (1_000, "us"), (1, "ns")] {
            rest = append(rest, unit, suffix)
        }
        return text
    }
}
