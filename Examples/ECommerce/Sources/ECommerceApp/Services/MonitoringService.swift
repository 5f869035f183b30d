import CassandraDriver
import CassandraMonitoring
import Logging
import Synchronization

/// The measurements behind `/metrics` and the dashboard: one ``CassandraMonitoring/MetricsCollector``
/// (HTTP metrics from ``HTTPMetricsMiddleware``, the query profiler's metrics, and the
/// monitor's gauges), the ``CassandraMonitoring/QueryProfiler`` installed in the session, and
/// a ``CassandraMonitoring/SystemMonitor`` sampling process CPU and memory, database request
/// and error rates, latency and node states every ``interval``, with alert rules.
public final class MonitoringService: Sendable {
    /// How many alert events the dashboard keeps.
    static let recentAlertCapacity = 50

    /// The collector everything is recorded in.
    public let collector: MetricsCollector
    /// The profiler of every database request the app makes.
    public let profiler: QueryProfiler
    /// The sampling interval.
    public let interval: Duration
    /// The alert rules.
    public let rules: [AlertRule]
    private let state = Mutex<State>(State())

    private struct State {
        var monitor: SystemMonitor?
        var task: Task<Void, Never>?
        var recentAlerts: [AlertEvent] = []
    }

    /// The default alert rules: a node down for 30 s, a database error rate above 5 % for a
    /// minute, mean database latency above 250 ms for a minute, and process CPU above 90 %
    /// of a core for two minutes.
    public static let defaultRules: [AlertRule] = [
        AlertRule(name: "cassandra-node-down", metric: .nodesDown, .above, 0, for: .seconds(30)),
        AlertRule(name: "database-error-rate", metric: .errorRate, .above, 0.05, for: .seconds(60), resolveAt: 0.01),
        AlertRule(name: "database-latency", metric: .meanLatencySeconds, .above, 0.25, for: .seconds(60), resolveAt: 0.1),
        AlertRule(name: "process-cpu", metric: .cpuUsage, .above, 0.9, for: .seconds(120), resolveAt: 0.7),
    ]

    /// Creates the collector and profiler; install ``profiler`` in the session's
    /// `requestObservers` before connecting, then call ``start(session:logger:)``.
    /// - Parameters:
    ///   - interval: the sampling interval.
    ///   - rules: the alert rules.
    public init(interval: Duration = .seconds(5), rules: [AlertRule] = MonitoringService.defaultRules) {
        collector = MetricsCollector()
        profiler = QueryProfiler(collector: collector)
        self.interval = interval
        self.rules = rules
        collector.describe(HTTPMetricName.requests, help: "HTTP requests by method, route and status.")
        collector.describe(HTTPMetricName.duration, help: "HTTP request latency in seconds.")
        collector.describe(MonitoringMetricName.monitor, help: "The system monitor's latest sample, by metric.")
        collector.describe(MonitoringMetricName.alertFiring, help: "1 while an alert fires, 0 once resolved.")
    }

    /// Starts sampling `session` every ``interval`` until ``stop()``; the first sample is taken
    /// at once. Does nothing when already started.
    /// - Parameters:
    ///   - session: the session whose cluster view gives node states.
    ///   - logger: where alerts are logged.
    public func start(session: Session, logger: Logger) {
        state.withLock { state in
            guard state.task == nil else { return }
            let sampler = SystemSampler(session: session, profiler: profiler)
            let monitor = SystemMonitor(interval: interval, rules: rules, collector: collector, logger: logger) { elapsed in
                sampler.sample(at: elapsed)
            }
            state.monitor = monitor
            state.task = Task { [weak self] in
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await monitor.run() }
                    group.addTask {
                        for await event in monitor.events { self?.remember(event) }
                    }
                }
            }
        }
    }

    /// Stops sampling and waits for the monitor to finish.
    public func stop() async {
        let task = state.withLock { state -> Task<Void, Never>? in
            defer { state.task = nil }
            return state.task
        }
        task?.cancel()
        await task?.value
    }

    /// The monitor's latest sample (empty before the first).
    public var latestSample: [SystemMonitor.Metric: Double] {
        state.withLock { $0.monitor }?.latestSample ?? [:]
    }

    /// The names of the alerts firing now.
    public var firingAlerts: [String] {
        state.withLock { $0.monitor }?.firingAlerts ?? []
    }

    /// The latest alert events, oldest first.
    public var recentAlerts: [AlertEvent] {
        state.withLock { $0.recentAlerts }
    }

    private func remember(_ event: AlertEvent) {
        state.withLock { state in
            state.recentAlerts.append(event)
            if state.recentAlerts.count > Self.recentAlertCapacity {
                state.recentAlerts.removeFirst(state.recentAlerts.count - Self.recentAlertCapacity)
            }
        }
    }
}
