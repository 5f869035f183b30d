import Metrics

/// Metric names, in one place (like swift-cassandra-client's `MetricConstants.swift`).
public enum CassandraMetricName {
    /// Counter: requests started (each attempt counts once in ``attempts``).
    public static let requests = "cassandra.requests"
    /// Counter: requests that failed after all retries; dimension `code`.
    public static let errors = "cassandra.requests.errors"
    /// Counter: attempts beyond the first (retries and speculative executions).
    public static let retries = "cassandra.requests.retries"
    /// Timer: request latency, first attempt to final outcome.
    public static let latency = "cassandra.requests.latency"
    /// Meter: requests in flight for the session.
    public static let inFlight = "cassandra.requests.in_flight"
    /// Counter: connections opened.
    public static let connectionsOpened = "cassandra.connections.opened"
    /// Counter: connections closed.
    public static let connectionsClosed = "cassandra.connections.closed"
}

/// The swift-metrics handles of one session, created once and reused for every request.
struct DriverMetrics: Sendable {
    let requests: Counter
    let retries: Counter
    let latency: Metrics.Timer
    let inFlight: Meter
    let connectionsOpened: Counter
    let connectionsClosed: Counter
    private let dimensions: [(String, String)]

    /// Creates the handles.
    /// - Parameter dimensions: dimensions added to every metric (e.g. the session name).
    init(dimensions: [(String, String)]) {
        self.dimensions = dimensions
        requests = Counter(label: CassandraMetricName.requests, dimensions: dimensions)
        retries = Counter(label: CassandraMetricName.retries, dimensions: dimensions)
        latency = Metrics.Timer(label: CassandraMetricName.latency, dimensions: dimensions)
        inFlight = Meter(label: CassandraMetricName.inFlight, dimensions: dimensions)
        connectionsOpened = Counter(label: CassandraMetricName.connectionsOpened, dimensions: dimensions)
        connectionsClosed = Counter(label: CassandraMetricName.connectionsClosed, dimensions: dimensions)
    }

    /// Counts a failed request under its error code.
    func recordError(_ code: CassandraError.Code) {
        Counter(label: CassandraMetricName.errors, dimensions: dimensions + [("code", code.description)]).increment()
    }
}
