import CassandraDriver
import Synchronization

/// Measures the standard ``SystemMonitor/Metric``s: process CPU and memory
/// (``ProcessStats``), request, error rate and latency from a ``QueryProfiler``'s totals, and
/// node states from the session's cluster view.
///
/// Rates are differences between two consecutive calls, so the first call reports only the
/// cumulative values (CPU seconds, memory, nodes), and so does the first call after the
/// profiler was reset.
public final class SystemSampler: Sendable {
    private struct Reading {
        var at: Duration
        var cpuSeconds: Double?
        var totals: QueryProfiler.Totals?
    }

    private let profiler: QueryProfiler?
    private let cluster: (@Sendable () -> ClusterSnapshot)?
    private let process: @Sendable () -> ProcessStats?
    private let previous = Mutex<Reading?>(nil)

    /// Creates a sampler over explicit sources.
    /// - Parameters:
    ///   - profiler: the profiler whose totals give request rate, error rate and latency.
    ///   - cluster: returns the cluster view to count nodes in.
    ///   - process: reads the process's CPU and memory; ``ProcessStats/current()`` by default.
    public init(
        profiler: QueryProfiler?, cluster: (@Sendable () -> ClusterSnapshot)?,
        process: @escaping @Sendable () -> ProcessStats? = { ProcessStats.current() }
    ) {
        self.profiler = profiler
        self.cluster = cluster
        self.process = process
    }

    /// Creates a sampler for a session and the profiler installed in it.
    /// - Parameters:
    ///   - session: the session whose ``Session/cluster`` gives node states.
    ///   - profiler: the profiler in its ``Session/Configuration/requestObservers``.
    public convenience init(session: Session, profiler: QueryProfiler?) {
        self.init(profiler: profiler, cluster: { session.cluster })
    }

    /// Takes one sample.
    /// - Parameter elapsed: the monitor's clock reading (any origin; only differences count).
    /// - Returns: the measured values.
    public func sample(at elapsed: Duration) -> [SystemMonitor.Metric: Double] {
        var values: [SystemMonitor.Metric: Double] = [:]
        let stats = process()
        let totals = profiler?.totals()
        if let stats {
            values[.cpuSeconds] = stats.cpuSeconds
            values[.residentMemoryBytes] = stats.residentMemoryBytes
        }
        if let cluster = cluster?() {
            let up = cluster.nodes.filter(\.isUp).count
            values[.nodesUp] = Double(up)
            values[.nodesDown] = Double(cluster.nodes.count - up)
        }
        let current = Reading(at: elapsed, cpuSeconds: stats?.cpuSeconds, totals: totals)
        guard let last = previous.withLock({ state in defer { state = current }; return state }) else { return values }
        let seconds = (elapsed - last.at).inSeconds
        guard seconds > 0 else { return values }
        if let now = current.cpuSeconds, let before = last.cpuSeconds {
            values[.cpuUsage] = max(0, now - before) / seconds
        }
        if let now = totals, let before = last.totals, now.generation == before.generation {
            let attempts = Double(now.attempts - before.attempts)
            values[.requestRate] = attempts / seconds
            values[.errorRate] = attempts == 0 ? 0 : Double(now.failures - before.failures) / attempts
            if attempts > 0 { values[.meanLatencySeconds] = (now.latencySeconds - before.latencySeconds) / attempts }
        }
        return values
    }
}
