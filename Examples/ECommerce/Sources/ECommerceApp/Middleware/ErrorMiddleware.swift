import Hummingbird
import Logging

/// Turns every error a route throws into an ``APIError`` response, so clients always get a
/// JSON body with a stable code; unexpected errors are logged with their details and answered
/// with ``APIError/Code/internal`` only.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Calls the next responder and translates what it throws.
    /// - Parameters:
    ///   - request: the request.
    ///   - context: the request context (its logger records unexpected errors).
    ///   - next: the next responder.
    /// - Returns: the response.
    /// - Throws: ``APIError`` only.
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let translated = APIError.translating(error)
            if translated.code == .internal || translated.code == .unavailable {
                context.logger.error(
                    "request failed",
                    metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            }
            throw translated
        }
    }
}
