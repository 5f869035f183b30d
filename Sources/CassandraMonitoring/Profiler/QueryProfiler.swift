import CassandraDriver
import Synchronization

/// A ``RequestObserver`` that profiles statements: per-statement counts, errors, latency
/// histograms and slowest attempts, plus a list of slow queries.
///
/// ```swift
/// let profiler = QueryProfiler(configuration: .init(), collector: collector)
/// var configuration = Session.Configuration(contactPoints: ["127.0.0.1"])
/// configuration.requestObservers = [profiler]
/// ```
///
/// Sampling (``Sampling``) is deterministic. ``totals()`` counts every attempt, sampled or
/// not; everything else only the sampled ones. Each callback takes one lock and does a
/// bounded amount of work, as ``RequestObserver`` asks.
public final class QueryProfiler: RequestObserver, Sendable {
    private struct State {
        var sequence: UInt64 = 0
        var totals = Totals()
        var profiles: [String: StatementProfile] = [:]
        var slowQueries: [SampledAttempt] = []
    }

    /// The configuration it was created with.
    public let configuration: Configuration
    private let collector: MetricsCollector?
    private let state = Mutex(State())

    /// Creates a profiler.
    /// - Parameters:
    ///   - configuration: sampling and retention.
    ///   - collector: where to count sampled attempts and record their latency
    ///     (``MonitoringMetricName``), if anywhere.
    public init(configuration: Configuration = Configuration(), collector: MetricsCollector? = nil) {
        self.configuration = configuration
        self.collector = collector
        collector?.setBoundaries(configuration.latencyBoundaries, for: MonitoringMetricName.profiledLatency)
    }

    /// Records one attempt.
    /// - Parameter attempt: the driver's report.
    public func attemptFinished(_ attempt: RequestAttempt) {
        let errorCode: String?
        switch attempt.outcome {
        case .success: errorCode = nil
        case .failure(let error): errorCode = error.code.description
        }
        let sampled: SampledAttempt? = state.withLock { state in
            let sequence = state.sequence
            state.sequence += 1
            state.totals.attempts += 1
            if errorCode != nil { state.totals.failures += 1 }
            state.totals.latencySeconds += attempt.latency.inSeconds
            guard configuration.sampling.includes(statement: attempt.statement, sequence: sequence) else { return nil }
            let record = SampledAttempt(
                statement: attempt.statement, node: attempt.node, attempt: attempt.attempt,
                latency: attempt.latency, errorCode: errorCode, sequence: sequence)
            if state.profiles[attempt.statement] == nil, state.profiles.count < configuration.maxStatements {
                state.profiles[attempt.statement] = StatementProfile(
                    statement: attempt.statement, boundaries: configuration.latencyBoundaries)
            }
            state.profiles[attempt.statement]?.add(record, keepingSlowest: configuration.slowestPerStatement)
            if attempt.latency >= configuration.slowQueryThreshold, configuration.slowQueryCapacity > 0 {
                state.slowQueries.append(record)
                if state.slowQueries.count > configuration.slowQueryCapacity { state.slowQueries.removeFirst() }
            }
            return record
        }
        guard let sampled, let collector else { return }
        collector.increment(MonitoringMetricName.profiledAttempts, dimensions: [("outcome", errorCode == nil ? "success" : "failure")])
        collector.record(MonitoringMetricName.profiledLatency, sampled.latency.inSeconds)
        if sampled.latency >= configuration.slowQueryThreshold { collector.increment(MonitoringMetricName.slowQueries) }
    }

    /// Totals over every attempt seen, sampled or not.
    /// - Returns: the running totals.
    public func totals() -> Totals {
        state.withLock { $0.totals }
    }

    /// The profile of one statement.
    /// - Parameter statement: the CQL text, exactly as executed.
    /// - Returns: its profile, or `nil` if none of its attempts was sampled.
    public func profile(of statement: String) -> StatementProfile? {
        state.withLock { $0.profiles[statement] }
    }

    /// Every statement's profile, the most sampled first (ties by text).
    /// - Returns: the profiles.
    public func profiles() -> [StatementProfile] {
        state.withLock { Array($0.profiles.values) }.sorted { ($1.count, $0.statement) < ($0.count, $1.statement) }
    }

    /// The sampled attempts at or above the slow-query threshold, oldest first.
    /// - Returns: at most ``Configuration/slowQueryCapacity`` attempts.
    public func slowQueries() -> [SampledAttempt] {
        state.withLock { $0.slowQueries }
    }

    /// Forgets every profile, slow query and total, and starts a new ``Totals/generation``.
    public func reset() {
        state.withLock { state in
            var fresh = State()
            fresh.totals.generation = state.totals.generation + 1
            state = fresh
        }
    }
}
