import Foundation
import Hummingbird

/// The one error type of the e-commerce API: a stable machine-readable ``Code`` (which fixes
/// the HTTP status), a message for humans and, for validation errors, the offending field.
///
/// It renders as `{"error": {"code": "insufficient_stock", "message": "…", "field": "…"}}`.
/// Messages never echo request bodies or bound values beyond the identifiers the client sent.
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    /// A stable error code and the HTTP status it maps to.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as it appears in responses (`snake_case`).
        public let name: String
        /// The HTTP status sent with it.
        public let status: HTTPResponse.Status

        private init(_ name: String, _ status: HTTPResponse.Status) {
            self.name = name
            self.status = status
        }

        /// The body is not valid JSON or not of the expected shape (400).
        public static let invalidJSON = Code("invalid_json", .badRequest)
        /// A field failed validation (422).
        public static let validationFailed = Code("validation_failed", .unprocessableContent)
        /// A path or query parameter (or a command-line option) is malformed (400).
        public static let invalidParameter = Code("invalid_parameter", .badRequest)
        /// The resource does not exist (404).
        public static let notFound = Code("not_found", .notFound)
        /// No route for this method and path (404).
        public static let routeNotFound = Code("route_not_found", .notFound)
        /// A unique value (such as a customer email) is taken (409).
        public static let duplicate = Code("duplicate", .conflict)
        /// A product has less stock than an order asks for; nothing was reserved (409).
        public static let insufficientStock = Code("insufficient_stock", .conflict)
        /// The order's current status does not allow the command (409).
        public static let illegalTransition = Code("illegal_transition", .conflict)
        /// Someone else changed the resource first, or `expectedVersion` is stale (409).
        public static let concurrencyConflict = Code("concurrency_conflict", .conflict)
        /// The database is unreachable or timed out (503); the outcome of a write may be unknown.
        public static let unavailable = Code("unavailable", .serviceUnavailable)
        /// An unexpected failure (500); details are logged, not returned.
        public static let `internal` = Code("internal", .internalServerError)

        /// Every code, for documentation and tests.
        public static let all: [Code] = [
            .invalidJSON, .validationFailed, .invalidParameter, .notFound, .routeNotFound, .duplicate,
            .insufficientStock, .illegalTransition, .concurrencyConflict, .unavailable, .internal,
        ]

        /// The code's name.
        public var description: String { name }

        /// Codes are equal when their names are.
        public static func == (lhs: Code, rhs: Code) -> Bool { lhs.name == rhs.name }

        /// Hashes the name.
        public func hash(into hasher: inout Hasher) { hasher.combine(name) }
    }

    /// The error code.
    public var code: Code
    /// A human-readable explanation.
    public var message: String
    /// The request field at fault, for validation errors.
    public var field: String?

    /// Creates an error.
    /// - Parameters:
    ///   - code: the code.
    ///   - message: a human-readable explanation.
    ///   - field: the request field at fault.
    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// The HTTP status of ``code``.
    public var status: HTTPResponse.Status { code.status }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }

    /// The JSON body of an error response.
    public struct Body: Codable, Sendable, Equatable {
        /// The error's fields.
        public struct Detail: Codable, Sendable, Equatable {
            /// ``APIError/Code/name``.
            public var code: String
            /// ``APIError/message``.
            public var message: String
            /// ``APIError/field``.
            public var field: String?
        }

        /// The error.
        public var error: Detail
    }

    /// Renders the error as JSON with its status.
    /// - Parameters:
    ///   - request: the request.
    ///   - context: the request context (its response encoder is used).
    /// - Returns: the response.
    /// - Throws: when encoding fails.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(error: .init(code: code.name, message: message, field: field))
        var response = try context.responseEncoder.encode(body, from: request, context: context)
        response.status = status
        return response
    }
}
