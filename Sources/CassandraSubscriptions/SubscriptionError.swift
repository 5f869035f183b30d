/// The one error type of ``CassandraSubscriptions``: a ``Code`` to switch on plus context.
///
/// ```swift
/// do {
///     try await subscription.run { event in try await handle(event) }
/// } catch let error as SubscriptionError where error.code == .driver {
///     // the cluster failed; the checkpoint is intact, call run again later
/// }
/// ```
///
/// ``description`` never contains change values; the cause is in ``underlying``.
public struct SubscriptionError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong; extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidIdentifier, invalidArgument, invalidCondition, encodingFailed, decodingFailed
            case driver, orm, schemaAgreementTimeout, captureFailed
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A keyspace, table or subscription name is not a valid identifier.
        public static let invalidIdentifier = Code(.invalidIdentifier)
        /// The caller passed something unusable (a zero bucket width, no operations, …).
        public static let invalidArgument = Code(.invalidArgument)
        /// A subscription condition uses an unknown operator or a malformed operand.
        public static let invalidCondition = Code(.invalidCondition)
        /// Change values could not be encoded as JSON.
        public static let encodingFailed = Code(.encodingFailed)
        /// A stored change could not be decoded.
        public static let decodingFailed = Code(.decodingFailed)
        /// The driver failed; the ``CassandraDriver/CassandraError`` is in ``SubscriptionError/underlying``.
        public static let driver = Code(.driver)
        /// The ORM refused or failed a captured write; the ``CassandraORM/ORMError`` is in
        /// ``SubscriptionError/underlying``. A refused or failed batch wrote neither the row
        /// nor its change; as for any write, a timeout leaves the outcome unknown.
        public static let orm = Code(.orm)
        /// Nodes did not agree on the schema after ``ChangeLog/createSchema()``.
        public static let schemaAgreementTimeout = Code(.schemaAgreementTimeout)
        /// A conditional (or unique-field) write was applied, but recording its change
        /// afterwards failed: the change is missing from the log. The cause is in
        /// ``SubscriptionError/underlying``; record it again with ``ChangeLog/record(table:operation:key:values:)``.
        public static let captureFailed = Code(.captureFailed)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// An explanation that names the fix; never contains change values.
    public var message: String
    /// The subscription involved, if any.
    public var subscription: String?
    /// The captured table involved, if any.
    public var table: String?
    /// The lower-level error, if any.
    public var underlying: (any Error & Sendable)?

    /// Creates an error.
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - message: an explanation that names the fix.
    ///   - subscription: the subscription involved.
    ///   - table: the captured table involved.
    ///   - underlying: the cause.
    public init(_ code: Code, _ message: String, subscription: String? = nil, table: String? = nil,
                underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.subscription = subscription
        self.table = table
        self.underlying = underlying
    }

    /// `code: message`, with the subscription and table; no values.
    public var description: String {
        var text = "SubscriptionError.\(code): \(message)"
        if let subscription { text += " (subscription: \(subscription))" }
        if let table { text += " (table: \(table))" }
        return text
    }

    /// The description plus the cause.
    public var debugDescription: String {
        var text = description
        if let underlying { text += "; underlying: \(String(reflecting: underlying))" }
        return text
    }

    /// Runs `body`, wrapping errors other than ``SubscriptionError`` and cancellation as
    /// ``Code/driver``.
    static func driver<T>(subscription: String? = nil, table: String? = nil, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SubscriptionError {
            throw error
        } catch let error as CancellationError {
            throw error
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw SubscriptionError(.driver, "the driver failed; see underlying", subscription: subscription, table: table,
                                    underlying: error)
        }
    }
}
