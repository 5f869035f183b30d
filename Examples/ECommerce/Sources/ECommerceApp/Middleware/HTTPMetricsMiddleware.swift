import CassandraMonitoring
import Hummingbird

/// Measures every HTTP request into a ``MetricsCollector``: a counter
/// (``HTTPMetricName/requests``) and a latency histogram in seconds
/// (``HTTPMetricName/duration``), both by method, route template (never the raw path, to keep
/// the label set bounded) and status.
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Where the measurements go.
    let collector: MetricsCollector

    /// Times the next responder and records the outcome, including thrown errors (by the
    /// status they will be sent with).
    /// - Parameters:
    ///   - request: the request.
    ///   - context: the request context.
    ///   - next: the next responder.
    /// - Returns: the response.
    /// - Throws: what `next` throws.
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let status: Int
        do {
            let response = try await next(request, context)
            status = response.status.code
            record(request, context, status: status, seconds: seconds(since: start, clock))
            return response
        } catch let error as any HTTPResponseError {
            record(request, context, status: error.status.code, seconds: seconds(since: start, clock))
            throw error
        } catch {
            record(request, context, status: 500, seconds: seconds(since: start, clock))
            throw error
        }
    }

    private func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let components = start.duration(to: clock.now).components
        return Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    private func record(_ request: Request, _ context: Context, status: Int, seconds: Double) {
        let route = context.endpointPath ?? "unmatched"
        let dimensions = [("method", request.method.rawValue), ("route", route), ("status", String(status))]
        collector.increment(HTTPMetricName.requests, dimensions: dimensions)
        collector.record(HTTPMetricName.duration, dimensions: [("method", request.method.rawValue), ("route", route)], seconds)
    }
}
