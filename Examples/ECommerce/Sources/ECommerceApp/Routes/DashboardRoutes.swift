import CassandraDriver
import CassandraMonitoring
import Hummingbird

/// Monitoring endpoints: `/metrics` (Prometheus text), `/dashboard` (JSON),
/// `/dashboard.html`, and `/health`.
struct DashboardRoutes {
    let monitoring: MonitoringService
    let session: Session
    /// The change subscriptions shown on the dashboard.
    let subscriptions: [BackgroundSubscription]

    /// Adds the routes.
    /// - Parameter router: the router.
    func register(on router: Router<BasicRequestContext>) {
        router.get("metrics") { _, _ -> Response in
            let text = monitoring.collector.snapshot().prometheusText()
            return Response(
                status: .ok, headers: [.contentType: MetricsCollector.Snapshot.prometheusContentType],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("dashboard") { _, _ -> DashboardSnapshot in
            DashboardSnapshot(monitoring: monitoring, cluster: session.cluster, subscriptions: subscriptions)
        }
        router.get("dashboard.html") { _, _ -> HTML in
            HTML(DashboardPage.render(
                DashboardSnapshot(monitoring: monitoring, cluster: session.cluster, subscriptions: subscriptions)))
        }
        router.get("health") { _, _ -> HealthResponse in
            let up = session.cluster.nodes.contains { $0.state == .up }
            guard up else { throw APIError(.unavailable, "no database node is up") }
            return HealthResponse(status: "ok")
        }
    }

    /// The body of `GET /health`.
    struct HealthResponse: ResponseEncodable {
        /// `ok`.
        var status: String
    }

    /// An HTML body.
    struct HTML: ResponseGenerator {
        /// The page.
        let text: String

        init(_ text: String) { self.text = text }

        /// The response, as `text/html; charset=utf-8`.
        func response(from request: Request, context: some RequestContext) throws -> Response {
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }
}

extension DashboardSnapshot: ResponseEncodable {}
