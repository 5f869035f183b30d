import CassandraORM
import GraphQL

/// The one error type of ``CassandraGraphQL``: a ``Code`` to switch on plus context.
///
/// Errors raised while a request executes reach the client as GraphQL errors whose
/// `extensions.code` is ``Code/description`` (for ORM failures, the ``CassandraORM/ORMError``
/// code, such as `filteringRequired` or `uniqueViolation`). ``description`` never contains
/// values.
public struct GraphQLServiceError: Error, Sendable, CustomStringConvertible {
    /// What went wrong; extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidSchema, invalidArgument, invalidCursor, invalidExtension
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The models cannot be described in GraphQL (a name clash, an illegal name, a table
        /// that does not match its model).
        public static let invalidSchema = Code(.invalidSchema)
        /// An argument value does not fit its field (a malformed UUID, date or number).
        public static let invalidArgument = Code(.invalidArgument)
        /// A paging cursor was not produced by this service.
        public static let invalidCursor = Code(.invalidCursor)
        /// An application extension's SDL or resolvers do not fit the generated schema.
        public static let invalidExtension = Code(.invalidExtension)

        /// The code's name, as sent in `extensions.code`.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// An explanation that names the fix; never contains values.
    public var message: String
    /// The GraphQL type or field involved, if any.
    public var path: String?
    /// The lower-level error, if any.
    public var underlying: (any Error & Sendable)?

    /// Creates an error.
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - message: an explanation that names the fix.
    ///   - path: the type or field involved (`Product.price`).
    ///   - underlying: the cause.
    public init(_ code: Code, _ message: String, path: String? = nil, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.underlying = underlying
    }

    /// `code: message`, with the path; no values.
    public var description: String {
        "GraphQLServiceError.\(code): \(message)" + (path.map { " (at \($0))" } ?? "")
    }
}
