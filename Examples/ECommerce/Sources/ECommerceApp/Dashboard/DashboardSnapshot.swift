import CassandraDriver
import CassandraMonitoring
import Foundation

/// What `GET /dashboard` returns: HTTP traffic, database traffic, process resources, nodes and
/// alerts, all read from measurements (the collector, the profiler's totals, the monitor's
/// latest sample, the driver's cluster view).
public struct DashboardSnapshot: Codable, Sendable {
    /// HTTP traffic since start.
    public struct HTTP: Codable, Sendable {
        /// Requests answered.
        public var requests: Int
        /// Requests answered with a 4xx status.
        public var clientErrors: Int
        /// Requests answered with a 5xx status.
        public var serverErrors: Int
        /// Mean latency in seconds (absent before the first request).
        public var meanLatencySeconds: Double?
        /// Slowest request in seconds.
        public var maxLatencySeconds: Double?
        /// Per route.
        public var routes: [Route]
    }

    /// One route's traffic.
    public struct Route: Codable, Sendable {
        /// The method.
        public var method: String
        /// The route template (`/orders/{id}`).
        public var route: String
        /// Requests.
        public var requests: Int
        /// Median latency in seconds.
        public var p50Seconds: Double?
        /// 95th percentile latency in seconds.
        public var p95Seconds: Double?
        /// 99th percentile latency in seconds.
        public var p99Seconds: Double?
    }

    /// Database traffic: every attempt the driver made, and the monitor's latest rates.
    public struct Database: Codable, Sendable {
        /// Attempts since start.
        public var attempts: UInt64
        /// Failed attempts since start.
        public var failures: UInt64
        /// Mean attempt latency since start, in seconds.
        public var meanLatencySeconds: Double?
        /// Attempts per second over the last sampling interval.
        public var requestRate: Double?
        /// Failed share of attempts over the last sampling interval.
        public var errorRate: Double?
        /// Slow attempts recorded by the profiler.
        public var slowQueries: Int
    }

    /// Process resources from the latest sample.
    public struct Process: Codable, Sendable {
        /// CPU time used, in seconds.
        public var cpuSeconds: Double?
        /// CPU use over the last interval (1.0 = one core).
        public var cpuUsage: Double?
        /// Resident memory in bytes.
        public var residentMemoryBytes: Double?
    }

    /// A database node as the driver sees it.
    public struct NodeStatus: Codable, Sendable {
        /// `address:port`.
        public var endpoint: String
        /// The datacenter.
        public var datacenter: String?
        /// The rack.
        public var rack: String?
        /// `up` or `down`.
        public var state: String
        /// The Cassandra release.
        public var releaseVersion: String?
    }

    /// An alert that fired or resolved.
    public struct Alert: Codable, Sendable {
        /// The rule name.
        public var name: String
        /// `fired` or `resolved`.
        public var kind: String
        /// The value that caused it.
        public var value: Double
        /// Seconds after monitoring started.
        public var atSeconds: Double
    }

    /// HTTP traffic.
    public var http: HTTP
    /// Database traffic.
    public var database: Database
    /// Process resources.
    public var process: Process
    /// Nodes.
    public var nodes: [NodeStatus]
    /// Nodes up, from the latest sample.
    public var nodesUp: Int?
    /// Nodes down, from the latest sample.
    public var nodesDown: Int?
    /// The alerts firing now.
    public var firingAlerts: [String]
    /// Recent alert events, oldest first.
    public var recentAlerts: [Alert]
    /// The change subscriptions (notifications), counted by this process.
    public var subscriptions: [SubscriptionStatus]

    /// Reads every measurement now.
    /// - Parameters:
    ///   - monitoring: the monitoring service.
    ///   - cluster: the driver's cluster view.
    ///   - subscriptions: the running change subscriptions.
    init(monitoring: MonitoringService, cluster: ClusterSnapshot, subscriptions: [BackgroundSubscription]) {
        let snapshot = monitoring.collector.snapshot()
        var requests = 0, clientErrors = 0, serverErrors = 0
        var perRoute: [String: Int] = [:]
        for (key, value) in snapshot.counters where key.name == HTTPMetricName.requests {
            let dimensions = Dictionary(key.dimensions.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            let count = Int(value)
            requests += count
            let status = Int(dimensions["status"] ?? "") ?? 0
            if (400..<500).contains(status) { clientErrors += count }
            if status >= 500 { serverErrors += count }
            perRoute["\(dimensions["method"] ?? "") \(dimensions["route"] ?? "")", default: 0] += count
        }
        var routes: [Route] = []
        var latencySum = 0.0, latencyCount: UInt64 = 0
        var maxLatency: Double?
        for (key, histogram) in snapshot.histograms where key.name == HTTPMetricName.duration {
            let dimensions = Dictionary(key.dimensions.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            let method = dimensions["method"] ?? "", route = dimensions["route"] ?? ""
            latencySum += histogram.sum
            latencyCount += histogram.count
            if let max = histogram.max { maxLatency = Swift.max(maxLatency ?? 0, max) }
            routes.append(Route(
                method: method, route: route, requests: perRoute["\(method) \(route)"] ?? Int(histogram.count),
                p50Seconds: histogram.percentile(0.5), p95Seconds: histogram.percentile(0.95), p99Seconds: histogram.percentile(0.99)))
        }
        routes.sort { ($0.route, $0.method) < ($1.route, $1.method) }
        http = HTTP(
            requests: requests, clientErrors: clientErrors, serverErrors: serverErrors,
            meanLatencySeconds: latencyCount == 0 ? nil : latencySum / Double(latencyCount), maxLatencySeconds: maxLatency,
            routes: routes)

        let totals = monitoring.profiler.totals()
        let sample = monitoring.latestSample
        database = Database(
            attempts: totals.attempts, failures: totals.failures,
            meanLatencySeconds: totals.attempts == 0 ? nil : totals.latencySeconds / Double(totals.attempts),
            requestRate: sample[.requestRate], errorRate: sample[.errorRate], slowQueries: monitoring.profiler.slowQueries().count)
        process = Process(cpuSeconds: sample[.cpuSeconds], cpuUsage: sample[.cpuUsage], residentMemoryBytes: sample[.residentMemoryBytes])
        nodes = cluster.nodes.map { node in
            NodeStatus(
                endpoint: node.endpoint.description, datacenter: node.datacenter, rack: node.rack,
                state: node.state == .up ? "up" : "down", releaseVersion: node.releaseVersion)
        }
        nodesUp = sample[.nodesUp].map { Int($0) }
        nodesDown = sample[.nodesDown].map { Int($0) }
        firingAlerts = monitoring.firingAlerts
        recentAlerts = monitoring.recentAlerts.map { event in
            let components = event.at.components
            return Alert(
                name: event.rule.name, kind: event.kind == .fired ? "fired" : "resolved", value: event.value,
                atSeconds: Double(components.seconds) + Double(components.attoseconds) / 1e18)
        }
        self.subscriptions = subscriptions.map(SubscriptionStatus.init)
    }
}
