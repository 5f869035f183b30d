/// A histogram over fixed bucket boundaries: per-bucket counts plus count, sum, minimum and
/// maximum, with percentiles estimated from the buckets.
///
/// Boundaries are inclusive upper bounds, as in Prometheus (`le`): a value `v` falls in the
/// first bucket whose boundary is `>= v`; values above the last boundary fall in the implicit
/// `+Inf` bucket.
public struct Histogram: Sendable, Equatable {
    /// Latency boundaries in seconds, from 0.5 ms to 10 s; the default for timers.
    public static let defaultLatencyBoundaries: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    /// The ascending upper bounds of the finite buckets.
    public let boundaries: [Double]
    /// Non-cumulative counts: one per boundary, then the `+Inf` bucket.
    public private(set) var bucketCounts: [UInt64]
    /// The number of recorded values.
    public private(set) var count: UInt64 = 0
    /// The sum of recorded values.
    public private(set) var sum: Double = 0
    /// The smallest recorded value, or `nil` before the first.
    public private(set) var min: Double?
    /// The largest recorded value, or `nil` before the first.
    public private(set) var max: Double?

    /// Creates an empty histogram.
    /// - Parameter boundaries: the buckets' upper bounds; sorted and de-duplicated here, and
    ///   non-finite values are dropped (`+Inf` is always implied).
    public init(boundaries: [Double] = Histogram.defaultLatencyBoundaries) {
        self.boundaries = Array(Set(boundaries.filter(\.isFinite))).sorted()
        bucketCounts = Array(repeating: 0, count: self.boundaries.count + 1)
    }

    /// Records one value. NaN is ignored.
    /// - Parameter value: the observation.
    public mutating func record(_ value: Double) {
        guard !value.isNaN else { return }
        let index = boundaries.firstIndex { value <= $0 } ?? boundaries.count
        bucketCounts[index] += 1
        count += 1
        sum += value
        min = Swift.min(min ?? value, value)
        max = Swift.max(max ?? value, value)
    }

    /// Cumulative counts per bucket, the `+Inf` bucket last (equal to ``count``).
    public var cumulativeCounts: [UInt64] {
        var running: UInt64 = 0
        return bucketCounts.map { running += $0; return running }
    }

    /// The mean of recorded values, or `nil` when empty.
    public var mean: Double? { count == 0 ? nil : sum / Double(count) }

    /// Estimates a percentile by linear interpolation inside the bucket holding it, clamped to
    /// the measured ``min`` and ``max`` (so the `+Inf` bucket is bounded by ``max``).
    /// - Parameter quantile: between 0 and 1, e.g. 0.99.
    /// - Returns: the estimate, or `nil` when empty.
    public func percentile(_ quantile: Double) -> Double? {
        guard count > 0, let min, let max else { return nil }
        let rank = Swift.min(Swift.max(quantile, 0), 1) * Double(count)
        var below: UInt64 = 0
        for (index, bucketCount) in bucketCounts.enumerated() where bucketCount > 0 {
            if Double(below + bucketCount) >= rank {
                let lower = Swift.max(index == 0 ? min : boundaries[index - 1], min)
                let upper = Swift.min(index < boundaries.count ? boundaries[index] : max, max)
                let fraction = (rank - Double(below)) / Double(bucketCount)
                return lower + (upper - lower) * Swift.min(Swift.max(fraction, 0), 1)
            }
            below += bucketCount
        }
        return max
    }
}
