/// The names of the HTTP metrics the app records (in its ``CassandraMonitoring/MetricsCollector``).
public enum HTTPMetricName {
    /// Counter of HTTP requests, by `method`, `route` and `status`.
    public static let requests = "http.requests.total"
    /// Histogram of HTTP request latency in seconds, by `method` and `route`.
    public static let duration = "http.request.duration.seconds"
}
