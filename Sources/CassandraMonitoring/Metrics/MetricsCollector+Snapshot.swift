extension MetricsCollector {
    /// Every series of a ``MetricsCollector`` at one instant.
    public struct Snapshot: Sendable, Equatable {
        /// Counter values.
        public var counters: [Key: Double]
        /// Gauge values.
        public var gauges: [Key: Double]
        /// Histograms.
        public var histograms: [Key: Histogram]
        /// Help texts by metric name.
        public var help: [String: String]

        /// Creates a snapshot.
        /// - Parameters:
        ///   - counters: counter values.
        ///   - gauges: gauge values.
        ///   - histograms: histograms.
        ///   - help: help texts by metric name.
        public init(
            counters: [Key: Double] = [:], gauges: [Key: Double] = [:], histograms: [Key: Histogram] = [:],
            help: [String: String] = [:]
        ) {
            self.counters = counters
            self.gauges = gauges
            self.histograms = histograms
            self.help = help
        }

        /// A counter's value.
        /// - Parameters:
        ///   - name: the metric name.
        ///   - dimensions: the series' dimensions, in any order.
        /// - Returns: the value, or `nil` when the series does not exist.
        public func counter(_ name: String, _ dimensions: [(String, String)] = []) -> Double? {
            counters[Key(name, dimensions)]
        }

        /// A gauge's value.
        /// - Parameters:
        ///   - name: the metric name.
        ///   - dimensions: the series' dimensions, in any order.
        /// - Returns: the value, or `nil` when the series does not exist.
        public func gauge(_ name: String, _ dimensions: [(String, String)] = []) -> Double? {
            gauges[Key(name, dimensions)]
        }

        /// A histogram.
        /// - Parameters:
        ///   - name: the metric name.
        ///   - dimensions: the series' dimensions, in any order.
        /// - Returns: the histogram, or `nil` when the series does not exist.
        public func histogram(_ name: String, _ dimensions: [(String, String)] = []) -> Histogram? {
            histograms[Key(name, dimensions)]
        }

        /// The sum of a counter over all its series, whatever their dimensions.
        /// - Parameter name: the metric name.
        /// - Returns: the total; 0 when there is no series.
        public func counterTotal(_ name: String) -> Double {
            counters.filter { $0.key.name == name }.values.reduce(0, +)
        }
    }
}
