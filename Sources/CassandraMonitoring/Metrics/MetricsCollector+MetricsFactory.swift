import CoreMetrics

/// Makes the collector a swift-metrics backend: `MetricsSystem.bootstrap(collector)`, or
/// `withMetricsFactory(collector) { … }` for one task tree.
///
/// Counters and floating-point counters become counters, meters and non-aggregating recorders
/// become gauges, aggregating recorders become histograms, and timers become histograms in
/// seconds. Destroying a handler removes its series.
extension MetricsCollector: MetricsFactory {
    /// Creates a counter handler.
    /// - Parameters:
    ///   - label: the metric name.
    ///   - dimensions: the series' dimensions.
    /// - Returns: a handler that adds to the collector's counter.
    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        CounterSeriesHandler(collector: self, key: Key(label, dimensions))
    }

    /// Creates a floating-point counter handler.
    /// - Parameters:
    ///   - label: the metric name.
    ///   - dimensions: the series' dimensions.
    /// - Returns: a handler that adds to the collector's counter.
    public func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        CounterSeriesHandler(collector: self, key: Key(label, dimensions))
    }

    /// Creates a meter handler.
    /// - Parameters:
    ///   - label: the metric name.
    ///   - dimensions: the series' dimensions.
    /// - Returns: a handler that sets or adjusts the collector's gauge.
    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        GaugeSeriesHandler(collector: self, key: Key(label, dimensions))
    }

    /// Creates a recorder handler.
    /// - Parameters:
    ///   - label: the metric name.
    ///   - dimensions: the series' dimensions.
    ///   - aggregate: `true` for a histogram, `false` for a gauge holding the last value.
    /// - Returns: the handler.
    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        RecorderSeriesHandler(collector: self, key: Key(label, dimensions), aggregate: aggregate)
    }

    /// Creates a timer handler.
    /// - Parameters:
    ///   - label: the metric name.
    ///   - dimensions: the series' dimensions.
    /// - Returns: a handler that records durations, in seconds, into a histogram.
    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        RecorderSeriesHandler(collector: self, key: Key(label, dimensions), aggregate: true)
    }

    /// Removes the counter's series.
    /// - Parameter handler: a handler made by this collector.
    public func destroyCounter(_ handler: any CounterHandler) { destroy(handler) }

    /// Removes the counter's series.
    /// - Parameter handler: a handler made by this collector.
    public func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) { destroy(handler) }

    /// Removes the gauge's series.
    /// - Parameter handler: a handler made by this collector.
    public func destroyMeter(_ handler: any MeterHandler) { destroy(handler) }

    /// Removes the recorder's series.
    /// - Parameter handler: a handler made by this collector.
    public func destroyRecorder(_ handler: any RecorderHandler) { destroy(handler) }

    /// Removes the timer's series.
    /// - Parameter handler: a handler made by this collector.
    public func destroyTimer(_ handler: any TimerHandler) { destroy(handler) }

    private func destroy(_ handler: AnyObject) {
        switch handler {
        case let handler as CounterSeriesHandler where handler.collector === self: remove(handler.key)
        case let handler as GaugeSeriesHandler where handler.collector === self: remove(handler.key)
        case let handler as RecorderSeriesHandler where handler.collector === self: remove(handler.key)
        default: return
        }
    }
}

/// A counter series of a ``MetricsCollector`` behind the swift-metrics counter APIs.
final class CounterSeriesHandler: CounterHandler, FloatingPointCounterHandler, Sendable {
    let collector: MetricsCollector
    let key: MetricsCollector.Key

    init(collector: MetricsCollector, key: MetricsCollector.Key) {
        self.collector = collector
        self.key = key
    }

    func increment(by amount: Int64) { collector.increment(key, by: Double(amount)) }
    func increment(by amount: Double) { collector.increment(key, by: amount) }
    func reset() { collector.resetCounter(key) }
}

/// A gauge series of a ``MetricsCollector`` behind the swift-metrics meter API.
final class GaugeSeriesHandler: MeterHandler, Sendable {
    let collector: MetricsCollector
    let key: MetricsCollector.Key

    init(collector: MetricsCollector, key: MetricsCollector.Key) {
        self.collector = collector
        self.key = key
    }

    func set(_ value: Int64) { collector.setGauge(key, to: Double(value)) }
    func set(_ value: Double) { collector.setGauge(key, to: value) }
    func increment(by amount: Double) { collector.adjustGauge(key, by: amount) }
    func decrement(by amount: Double) { collector.adjustGauge(key, by: -amount) }
}

/// A histogram or gauge series of a ``MetricsCollector`` behind the swift-metrics recorder
/// and timer APIs.
final class RecorderSeriesHandler: RecorderHandler, TimerHandler, Sendable {
    let collector: MetricsCollector
    let key: MetricsCollector.Key
    let aggregate: Bool

    init(collector: MetricsCollector, key: MetricsCollector.Key, aggregate: Bool) {
        self.collector = collector
        self.key = key
        self.aggregate = aggregate
    }

    func record(_ value: Int64) { record(Double(value)) }
    func record(_ value: Double) {
        if aggregate { collector.record(key, value) } else { collector.setGauge(key, to: value) }
    }
    func recordNanoseconds(_ duration: Int64) { collector.record(key, Double(duration) / 1e9) }
}
