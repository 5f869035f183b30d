import Synchronization

/// An in-process store of counters, gauges and histograms, keyed by name and dimensions.
///
/// Thread-safe; every operation takes one lock. Feed it directly, or install it as the
/// swift-metrics backend to capture the driver's own metrics (``CassandraMetricName``):
///
/// ```swift
/// let collector = MetricsCollector()
/// MetricsSystem.bootstrap(collector)
/// // … later, e.g. from an HTTP handler:
/// let body = collector.snapshot().prometheusText()
/// ```
///
/// Timers are stored as histograms in seconds, Prometheus's base unit.
public final class MetricsCollector: Sendable {
    private struct State {
        var counters: [Key: Double] = [:]
        var gauges: [Key: Double] = [:]
        var histograms: [Key: Histogram] = [:]
        var help: [String: String] = [:]
        var boundaries: [String: [Double]] = [:]
    }

    private let state = Mutex(State())
    private let defaultBoundaries: [Double]

    /// Creates an empty collector.
    /// - Parameter defaultBoundaries: bucket boundaries for histograms that were not given
    ///   their own with ``setBoundaries(_:for:)``.
    public init(defaultBoundaries: [Double] = Histogram.defaultLatencyBoundaries) {
        self.defaultBoundaries = defaultBoundaries
    }

    /// Sets the help text exported for a metric.
    /// - Parameters:
    ///   - help: one line describing the metric.
    ///   - name: the metric name.
    public func describe(_ name: String, help: String) {
        state.withLock { $0.help[name] = help }
    }

    /// Sets the bucket boundaries of a histogram metric; applies to series created afterwards.
    /// - Parameters:
    ///   - boundaries: the buckets' upper bounds.
    ///   - name: the metric name.
    public func setBoundaries(_ boundaries: [Double], for name: String) {
        state.withLock { $0.boundaries[name] = boundaries }
    }

    /// Adds to a counter, creating it at 0.
    /// - Parameters:
    ///   - name: the metric name.
    ///   - dimensions: the series' dimensions.
    ///   - amount: how much to add; negative amounts are ignored (counters only go up).
    public func increment(_ name: String, dimensions: [(String, String)] = [], by amount: Double = 1) {
        increment(Key(name, dimensions), by: amount)
    }

    func increment(_ key: Key, by amount: Double) {
        guard amount >= 0 else { return }
        state.withLock { $0.counters[key, default: 0] += amount }
    }

    /// Sets a gauge.
    /// - Parameters:
    ///   - name: the metric name.
    ///   - dimensions: the series' dimensions.
    ///   - value: the new value.
    public func set(_ name: String, dimensions: [(String, String)] = [], to value: Double) {
        setGauge(Key(name, dimensions), to: value)
    }

    func setGauge(_ key: Key, to value: Double) {
        state.withLock { $0.gauges[key] = value }
    }

    func adjustGauge(_ key: Key, by delta: Double) {
        state.withLock { $0.gauges[key, default: 0] += delta }
    }

    /// Records a value into a histogram.
    /// - Parameters:
    ///   - name: the metric name.
    ///   - dimensions: the series' dimensions.
    ///   - value: the observation.
    public func record(_ name: String, dimensions: [(String, String)] = [], _ value: Double) {
        record(Key(name, dimensions), value)
    }

    func record(_ key: Key, _ value: Double) {
        state.withLock { state in
            if state.histograms[key] == nil {
                state.histograms[key] = Histogram(boundaries: state.boundaries[key.name] ?? defaultBoundaries)
            }
            state.histograms[key]?.record(value)
        }
    }

    /// Sets a counter back to 0.
    func resetCounter(_ key: Key) {
        state.withLock { $0.counters[key] = 0 }
    }

    /// Forgets one series of any kind.
    func remove(_ key: Key) {
        state.withLock { state in
            state.counters[key] = nil
            state.gauges[key] = nil
            state.histograms[key] = nil
        }
    }

    /// A consistent copy of every series.
    /// - Returns: the values at this instant.
    public func snapshot() -> Snapshot {
        state.withLock { Snapshot(counters: $0.counters, gauges: $0.gauges, histograms: $0.histograms, help: $0.help) }
    }
}
