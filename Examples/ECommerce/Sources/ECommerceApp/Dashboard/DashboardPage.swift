import Foundation

/// Renders a ``DashboardSnapshot`` as a small self-refreshing HTML page (no scripts, every
/// value escaped).
enum DashboardPage {
    /// The page.
    /// - Parameter snapshot: the measurements.
    /// - Returns: HTML.
    static func render(_ snapshot: DashboardSnapshot) -> String {
        var html = """
            <!doctype html>
            <html><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
            <title>E-commerce dashboard</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}\
            td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}.down,.fired{color:#b00}</style></head><body>
            <h1>E-commerce dashboard</h1>

            """
        let http = snapshot.http
        html += section("HTTP", [
            ("requests", "\(http.requests)"), ("4xx", "\(http.clientErrors)"), ("5xx", "\(http.serverErrors)"),
            ("mean latency", milliseconds(http.meanLatencySeconds)), ("max latency", milliseconds(http.maxLatencySeconds)),
        ])
        html += "<table><tr><th>method</th><th>route</th><th>requests</th><th>p50</th><th>p95</th><th>p99</th></tr>\n"
        for route in http.routes {
            html += "<tr><td>\(escape(route.method))</td><td>\(escape(route.route))</td><td>\(route.requests)</td>"
                + "<td>\(milliseconds(route.p50Seconds))</td><td>\(milliseconds(route.p95Seconds))</td><td>\(milliseconds(route.p99Seconds))</td></tr>\n"
        }
        html += "</table>\n"
        let database = snapshot.database
        html += section("Database", [
            ("attempts", "\(database.attempts)"), ("failures", "\(database.failures)"),
            ("mean latency", milliseconds(database.meanLatencySeconds)),
            ("request rate", database.requestRate.map { String(format: "%.2f/s", $0) } ?? "–"),
            ("error rate", database.errorRate.map { String(format: "%.2f %%", $0 * 100) } ?? "–"),
            ("slow queries", "\(database.slowQueries)"),
        ])
        html += section("Process", [
            ("CPU time", snapshot.process.cpuSeconds.map { String(format: "%.2f s", $0) } ?? "–"),
            ("CPU use", snapshot.process.cpuUsage.map { String(format: "%.1f %%", $0 * 100) } ?? "–"),
            ("resident memory", snapshot.process.residentMemoryBytes.map { String(format: "%.1f MiB", $0 / 1_048_576) } ?? "–"),
        ])
        html += "<h2>Nodes</h2><table><tr><th>endpoint</th><th>datacenter</th><th>rack</th><th>state</th></tr>\n"
        for node in snapshot.nodes {
            html += "<tr><td>\(escape(node.endpoint))</td><td>\(escape(node.datacenter ?? "–"))</td>"
                + "<td>\(escape(node.rack ?? "–"))</td><td class=\"\(node.state)\">\(node.state)</td></tr>\n"
        }
        html += "</table>\n<h2>Subscriptions</h2><table><tr><th>name</th><th>table</th><th>delivered</th><th>skipped</th>"
            + "<th>failed attempts</th><th>dead letters</th><th>last lag</th></tr>\n"
        for subscription in snapshot.subscriptions {
            html += "<tr><td>\(escape(subscription.name))</td><td>\(escape(subscription.table))</td><td>\(subscription.delivered)</td>"
                + "<td>\(subscription.skipped)</td><td>\(subscription.failedAttempts)</td><td>\(subscription.deadLettered)</td>"
                + "<td>\(milliseconds(subscription.lastLagSeconds))</td></tr>\n"
        }
        html += "</table>\n<h2>Alerts</h2>\n"
        html += "<p>firing: \(snapshot.firingAlerts.isEmpty ? "none" : snapshot.firingAlerts.map(escape).joined(separator: ", "))</p>\n"
        html += "<table><tr><th>alert</th><th>event</th><th>value</th><th>at (s)</th></tr>\n"
        for alert in snapshot.recentAlerts.reversed() {
            html += "<tr><td>\(escape(alert.name))</td><td class=\"\(alert.kind)\">\(alert.kind)</td>"
                + "<td>\(String(format: "%.4g", alert.value))</td><td>\(String(format: "%.1f", alert.atSeconds))</td></tr>\n"
        }
        html += "</table>\n<p><a href=\"/dashboard\">JSON</a> · <a href=\"/metrics\">Prometheus</a></p>\n</body></html>\n"
        return html
    }

    private static func section(_ title: String, _ rows: [(String, String)]) -> String {
        "<h2>\(escape(title))</h2><table>\n"
            + rows.map { "<tr><th>\(escape($0.0))</th><td>\(escape($0.1))</td></tr>\n" }.joined()
            + "</table>\n"
    }

    private static func milliseconds(_ seconds: Double?) -> String {
        seconds.map { String(format: "%.2f ms", $0 * 1000) } ?? "–"
    }

    /// Escapes text for HTML.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
