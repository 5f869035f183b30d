/// The names of the metrics this module writes to a ``MetricsCollector``, in one place.
public enum MonitoringMetricName {
    /// Counter: attempts the ``QueryProfiler`` sampled; dimension `outcome` (`success`/`failure`).
    public static let profiledAttempts = "cassandra.profiler.attempts"
    /// Histogram, seconds: latency of the sampled attempts.
    public static let profiledLatency = "cassandra.profiler.latency"
    /// Counter: sampled attempts at or above the slow-query threshold.
    public static let slowQueries = "cassandra.profiler.slow_queries"
    /// Gauge: the latest value of each ``SystemMonitor`` metric; dimension `metric`.
    public static let monitor = "cassandra.monitor"
    /// Gauge: 1 while an alert fires, 0 once resolved; dimension `alert`.
    public static let alertFiring = "cassandra.monitor.alert_firing"
}
