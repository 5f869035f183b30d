import Logging
import Synchronization

/// Samples measured values at a fixed interval, publishes them as gauges and evaluates
/// ``AlertRule``s, delivering fire and resolve events on ``events``.
///
/// ```swift
/// let profiler = QueryProfiler(collector: collector)
/// // … connect a session with `requestObservers = [profiler]` …
/// let sampler = SystemSampler(session: session, profiler: profiler)
/// let monitor = SystemMonitor(
///     interval: .seconds(10),
///     rules: [AlertRule(name: "node-down", metric: .nodesDown, .above, 0, for: .seconds(30))],
///     collector: collector, logger: logger
/// ) { elapsed in sampler.sample(at: elapsed) }
/// let task = Task { await monitor.run() }
/// for await event in monitor.events { … }
/// ```
///
/// Time comes from the injected clock, and the values from the injected sample function, so
/// tests can drive ``tick()`` directly with scripted values.
public final class SystemMonitor: Sendable {
    /// Samples one set of values; receives the time since the monitor started.
    public typealias Sample = @Sendable (Duration) async -> [Metric: Double]

    private struct State {
        var evaluator: AlertEvaluator
        var latest: [Metric: Double] = [:]
    }

    /// The time between samples.
    public let interval: Duration
    /// Fire and resolve events, in order. Finishes when ``run()`` returns. Single consumer.
    public let events: AsyncStream<AlertEvent>
    private let continuation: AsyncStream<AlertEvent>.Continuation
    private let elapsed: @Sendable () -> Duration
    private let sleep: @Sendable (Duration) async throws -> Void
    private let sample: Sample
    private let collector: MetricsCollector?
    private let logger: Logger?
    private let state: Mutex<State>

    /// Creates a monitor; nothing is sampled until ``run()`` or ``tick()``.
    /// - Parameters:
    ///   - interval: the time between samples.
    ///   - rules: the alert rules.
    ///   - clock: the clock to sleep on and to time rule durations with.
    ///   - collector: where to publish each sampled value (``MonitoringMetricName/monitor``) and
    ///     alert states (``MonitoringMetricName/alertFiring``), if anywhere.
    ///   - logger: where to log alerts firing (warning) and resolving (notice), if anywhere.
    ///   - sample: takes one sample, e.g. ``SystemSampler/sample(at:)``.
    public init<C: Clock>(
        interval: Duration, rules: [AlertRule], clock: C, collector: MetricsCollector? = nil,
        logger: Logger? = nil, sample: @escaping Sample
    ) where C.Duration == Duration {
        self.interval = interval
        let start = clock.now
        elapsed = { start.duration(to: clock.now) }
        sleep = { try await clock.sleep(for: $0) }
        self.sample = sample
        self.collector = collector
        self.logger = logger
        state = Mutex(State(evaluator: AlertEvaluator(rules: rules)))
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    /// The values of the latest sample.
    public var latestSample: [Metric: Double] {
        state.withLock { $0.latest }
    }

    /// The names of the alerts currently firing.
    public var firingAlerts: [String] {
        state.withLock { $0.evaluator.firing }
    }

    /// Takes one sample now, publishes it and evaluates the rules.
    /// - Returns: the events it caused (also yielded on ``events``).
    @discardableResult
    public func tick() async -> [AlertEvent] {
        let elapsed = elapsed()
        let values = await sample(elapsed)
        let events = state.withLock { state in
            state.latest = values
            return state.evaluator.evaluate(values, at: elapsed)
        }
        if let collector {
            for (metric, value) in values {
                collector.set(MonitoringMetricName.monitor, dimensions: [("metric", metric.rawValue)], to: value)
            }
        }
        for event in events {
            let firing = event.kind == .fired
            collector?.set(MonitoringMetricName.alertFiring, dimensions: [("alert", event.rule.name)], to: firing ? 1 : 0)
            logger?.log(
                level: firing ? .warning : .notice, "alert \(firing ? "fired" : "resolved")",
                metadata: [
                    "alert": "\(event.rule.name)", "metric": "\(event.rule.metric)", "value": "\(event.value)",
                    "threshold": "\(firing ? event.rule.threshold : event.rule.resolveThreshold)",
                ])
            continuation.yield(event)
        }
        return events
    }

    /// Samples every ``interval`` until the calling task is cancelled, then finishes ``events``.
    /// Call it once per monitor.
    public func run() async {
        while !Task.isCancelled {
            await tick()
            do { try await sleep(interval) } catch { break }
        }
        continuation.finish()
    }
}

extension SystemMonitor {
    /// Creates a monitor on the continuous clock.
    /// - Parameters:
    ///   - interval: the time between samples.
    ///   - rules: the alert rules.
    ///   - collector: where to publish values and alert states, if anywhere.
    ///   - logger: where to log alerts, if anywhere.
    ///   - sample: takes one sample.
    public convenience init(
        interval: Duration, rules: [AlertRule], collector: MetricsCollector? = nil, logger: Logger? = nil,
        sample: @escaping Sample
    ) {
        self.init(interval: interval, rules: rules, clock: ContinuousClock(), collector: collector, logger: logger, sample: sample)
    }
}
