/// The one error type of ``CassandraEventSourcing``: a ``Code`` to switch on plus context.
///
/// ```swift
/// do {
///     try await store.append(to: "order-42", expectedVersion: .exact(3), events: events)
/// } catch let error as EventStoreError where error.code == .concurrencyConflict {
///     // reload the aggregate and retry the command
/// }
/// ```
///
/// ``description`` never contains payloads; the cause is in ``underlying``.
public struct EventStoreError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong; extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case concurrencyConflict, invalidIdentifier, invalidArgument, unknownEventType
            case encodingFailed, decodingFailed, driver, schemaAgreementTimeout, handlerFailed, compensationFailed
            case sagaInProgress
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The stream's version is not the expected one: another writer appended first.
        /// Nothing was written; reload and retry.
        public static let concurrencyConflict = Code(.concurrencyConflict)
        /// A keyspace or table name is not a valid unquoted CQL identifier.
        public static let invalidIdentifier = Code(.invalidIdentifier)
        /// The caller passed something unusable (an empty append, an empty stream id, …).
        public static let invalidArgument = Code(.invalidArgument)
        /// An event type name or Swift type is not registered in the ``EventTypeRegistry``.
        public static let unknownEventType = Code(.unknownEventType)
        /// An event or snapshot could not be encoded as JSON.
        public static let encodingFailed = Code(.encodingFailed)
        /// A stored event or snapshot could not be decoded.
        public static let decodingFailed = Code(.decodingFailed)
        /// The driver failed; the ``CassandraDriver/CassandraError`` is in ``EventStoreError/underlying``.
        public static let driver = Code(.driver)
        /// Nodes did not agree on the schema after ``EventStore/createSchema()``.
        public static let schemaAgreementTimeout = Code(.schemaAgreementTimeout)
        /// A projection handler threw; its error is in ``EventStoreError/underlying``.
        public static let handlerFailed = Code(.handlerFailed)
        /// A saga step's compensation threw; the saga stops there and needs an operator.
        /// ``EventStoreError/stream`` is the saga's log, ``EventStoreError/underlying`` the error.
        public static let compensationFailed = Code(.compensationFailed)
        /// Another runner claimed the saga's current step less than the step timeout ago;
        /// retry later (a crashed runner's claim expires after the timeout).
        public static let sagaInProgress = Code(.sagaInProgress)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// An explanation that names the fix; never contains payloads.
    public var message: String
    /// The stream involved, if any.
    public var stream: String?
    /// For ``Code/concurrencyConflict``: the version the writer expected.
    public var expectedVersion: ExpectedVersion?
    /// For ``Code/concurrencyConflict``: the stream's version found (`nil`: the stream does not exist).
    public var actualVersion: Int64?
    /// The event type name involved, if any.
    public var eventType: String?
    /// The lower-level error, if any.
    public var underlying: (any Error & Sendable)?

    /// Creates an error.
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - message: an explanation that names the fix.
    ///   - stream: the stream involved.
    ///   - eventType: the event type name involved.
    ///   - underlying: the cause.
    public init(_ code: Code, _ message: String, stream: String? = nil, eventType: String? = nil,
                underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.stream = stream
        self.eventType = eventType
        self.underlying = underlying
    }

    /// A ``Code/concurrencyConflict``: `stream` is at `actual`, not at `expected`.
    /// - Parameters:
    ///   - stream: the stream.
    ///   - expected: the version the writer expected.
    ///   - actual: the version found; `nil` when the stream does not exist.
    /// - Returns: the error.
    public static func concurrencyConflict(stream: String, expected: ExpectedVersion, actual: Int64?) -> EventStoreError {
        var error = EventStoreError(
            .concurrencyConflict,
            "stream is at version \(actual.map(String.init) ?? "none"), expected \(expected); reload and retry",
            stream: stream)
        error.expectedVersion = expected
        error.actualVersion = actual
        return error
    }

    /// `code: message`, with the stream; no payloads.
    public var description: String {
        "EventStoreError.\(code): \(message)" + (stream.map { " (stream: \($0))" } ?? "")
    }

    /// The description plus the event type and the cause.
    public var debugDescription: String {
        var text = description
        if let eventType { text += "; event type: \(eventType)" }
        if let underlying { text += "; underlying: \(String(reflecting: underlying))" }
        return text
    }
}
