extension MetricsCollector.Snapshot {
    /// The `Content-Type` to serve ``prometheusText()`` with.
    public static let prometheusContentType = PrometheusText.contentType

    /// Renders every series in the Prometheus text exposition format, version 0.0.4.
    ///
    /// Metric names are sanitized (`cassandra.requests` becomes `cassandra_requests`), each
    /// family gets `# HELP` (the described text, or else the original name) and `# TYPE`, and
    /// histograms are written as cumulative `_bucket{le=…}` series plus `_sum` and `_count`.
    /// Families are sorted by name and series by labels, so the output is stable.
    /// - Returns: the exposition, ending with a line feed (empty when there is no series).
    public func prometheusText() -> String {
        var families: [(name: String, type: String, source: String, lines: [String])] = []
        func add<Value>(_ series: [MetricsCollector.Key: Value], type: String, lines: (String, MetricsCollector.Key, Value) -> [String]) {
            let grouped = Dictionary(grouping: series.keys) { PrometheusText.metricName($0.name) }
            for (name, keys) in grouped {
                let sorted = keys.sorted()
                families.append((name, type, sorted[0].name, sorted.flatMap { lines(name, $0, series[$0]!) }))
            }
        }
        add(counters, type: "counter") { name, key, value in
            ["\(name)\(PrometheusText.labels(key.dimensions)) \(PrometheusText.value(value))"]
        }
        add(gauges, type: "gauge") { name, key, value in
            ["\(name)\(PrometheusText.labels(key.dimensions)) \(PrometheusText.value(value))"]
        }
        add(histograms, type: "histogram") { name, key, histogram in
            let bounds = histogram.boundaries.map(PrometheusText.value) + ["+Inf"]
            let buckets = zip(bounds, histogram.cumulativeCounts).map { bound, count in
                "\(name)_bucket\(PrometheusText.labels(key.dimensions, extra: ("le", bound))) \(count)"
            }
            let labels = PrometheusText.labels(key.dimensions)
            return buckets + [
                "\(name)_sum\(labels) \(PrometheusText.value(histogram.sum))",
                "\(name)_count\(labels) \(histogram.count)",
            ]
        }
        var text = ""
        for family in families.sorted(by: { ($0.name, $0.type) < ($1.name, $1.type) }) {
            text += "# HELP \(family.name) \(PrometheusText.help(help[family.source] ?? family.source))\n"
            text += "# TYPE \(family.name) \(family.type)\n"
            for line in family.lines { text += line + "\n" }
        }
        return text
    }
}
