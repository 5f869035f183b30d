import CassandraDriver

/// The one error type of ``CassandraORM``: a ``Code`` to switch on plus context.
///
/// ```swift
/// do {
///     try await Customer.save(["id": client.uuid(), "email": "a@b.c"])
/// } catch let error as ORMError where error.code == .uniqueViolation {
///     // error.field == "email"
/// }
/// ```
///
/// ``description`` leaves values out (it never shows bound or offending values); the full
/// context is in ``debugDescription``.
public struct ORMError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong; extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case notConnected, invalidSchema, invalidIdentifier, unknownField, invalidValue, validationFailed
            case missingPrimaryKey, invalidQuery, filteringRequired, migrationRefused, schemaAgreementTimeout
            case uniqueViolation, hookFailed, modelNotLoaded, modelAlreadyBound, driver, decodingFailed, unsupported
            case unknownView, materializedViewsDisabled
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The client is not connected: call ``CassandraClient/connect()`` first.
        public static let notConnected = Code(.notConnected)
        /// The model schema is malformed (bad type string, unknown key field, …).
        public static let invalidSchema = Code(.invalidSchema)
        /// A keyspace, table, field or index name is not a valid identifier.
        public static let invalidIdentifier = Code(.invalidIdentifier)
        /// A query or write names a field the schema does not declare.
        public static let unknownField = Code(.unknownField)
        /// A value does not fit its field's CQL type.
        public static let invalidValue = Code(.invalidValue)
        /// A field's `rule` rejected a value; ``ORMError/message`` is the rule's message.
        public static let validationFailed = Code(.validationFailed)
        /// A write or key lookup lacks a primary key field.
        public static let missingPrimaryKey = Code(.missingPrimaryKey)
        /// A query Cassandra would reject (unknown operator, bad `orderBy`, …).
        public static let invalidQuery = Code(.invalidQuery)
        /// The query filters on a column that is neither key nor indexed; pass `allowFiltering`.
        public static let filteringRequired = Code(.filteringRequired)
        /// The table differs from the schema and the migration mode forbids the change; see
        /// ``ORMError/differences``.
        public static let migrationRefused = Code(.migrationRefused)
        /// Nodes did not agree on the schema after DDL.
        public static let schemaAgreementTimeout = Code(.schemaAgreementTimeout)
        /// Another row already holds this value of a unique field; see ``ORMError/field``
        /// and ``ORMError/value``.
        public static let uniqueViolation = Code(.uniqueViolation)
        /// A hook threw; the error is in ``ORMError/underlying``.
        public static let hookFailed = Code(.hookFailed)
        /// A ``CassandraModel`` was used before ``CassandraClient/loadSchema(_:)``.
        public static let modelNotLoaded = Code(.modelNotLoaded)
        /// A ``CassandraModel`` type's static API is bound to another connected client; use
        /// ``CassandraClient/model(_:migration:)`` for one handle per client.
        public static let modelAlreadyBound = Code(.modelAlreadyBound)
        /// The driver failed; the ``CassandraDriver/CassandraError`` is in ``ORMError/underlying``.
        public static let driver = Code(.driver)
        /// A row could not be decoded into the model type.
        public static let decodingFailed = Code(.decodingFailed)
        /// The operation is not supported in this context (for example unique fields in a batch).
        public static let unsupported = Code(.unsupported)
        /// ``Model/view(_:)`` names a materialized view the model's schema does not declare.
        public static let unknownView = Code(.unknownView)
        /// The server refuses materialized views because they are disabled in its configuration
        /// (the default of Cassandra 4 and 5); the driver error is in ``ORMError/underlying``.
        public static let materializedViewsDisabled = Code(.materializedViewsDisabled)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// An explanation that names the fix; never contains values.
    public var message: String
    /// The table involved, if any.
    public var table: String?
    /// The field involved, if any.
    public var field: String?
    /// The offending value for ``Code/uniqueViolation`` and ``Code/invalidValue``; only in
    /// ``debugDescription``.
    public var value: ORMValue?
    /// For ``Code/migrationRefused``: every difference between the table and the schema.
    public var differences: [SchemaDifference]
    /// The CQL involved, if any (never its values).
    public var statement: String?
    /// The lower-level error, if any.
    public var underlying: (any Error & Sendable)?

    /// Creates an error.
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - message: an explanation that names the fix.
    ///   - table: the table involved.
    ///   - field: the field involved.
    ///   - value: the offending value.
    ///   - differences: schema differences, for migrations.
    ///   - statement: the CQL involved.
    ///   - underlying: the cause.
    public init(_ code: Code, _ message: String, table: String? = nil, field: String? = nil, value: ORMValue? = nil,
                differences: [SchemaDifference] = [], statement: String? = nil, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.table = table
        self.field = field
        self.value = value
        self.differences = differences
        self.statement = statement
        self.underlying = underlying
    }

    /// A ``Code/uniqueViolation`` for `field` holding `value`.
    /// - Parameters:
    ///   - field: the unique field.
    ///   - value: the value already taken.
    ///   - table: the model's table.
    /// - Returns: the error.
    public static func uniqueViolation(_ field: String, _ value: ORMValue, table: String) -> ORMError {
        ORMError(.uniqueViolation, "another row of '\(table)' already has this '\(field)'; choose another value",
                 table: table, field: field, value: value)
    }

    /// `code: message`, with table and field; no values.
    public var description: String {
        var text = "ORMError.\(code): \(message)"
        if let table { text += " (table: \(table)" + (field.map { ", field: \($0)" } ?? "") + ")" }
        return text
    }

    /// Everything: the description, the value, differences, statement and cause.
    public var debugDescription: String {
        var text = description
        if let value { text += "; value: \(value)" }
        if !differences.isEmpty { text += "; differences: " + differences.map(\.description).joined(separator: "; ") }
        if let statement { text += "; statement: \(statement)" }
        if let underlying { text += "; underlying: \(String(reflecting: underlying))" }
        return text
    }

    /// Wraps a driver error; passes ``ORMError``s through. A server refusing materialized
    /// views because they are disabled becomes ``Code/materializedViewsDisabled``.
    static func wrap(_ error: any Error, statement: String? = nil, table: String? = nil) -> ORMError {
        if let error = error as? ORMError { return error }
        if let driver = error as? CassandraError {
            if driver.refusesDisabledViews {
                return ORMError(.materializedViewsDisabled,
                                "the server has materialized views disabled; enable them in cassandra.yaml (materialized_views_enabled: true, or enable_materialized_views: true before Cassandra 4.1) or remove materializedViews from the schema",
                                table: table, statement: statement ?? driver.statement, underlying: driver)
            }
            return ORMError(.driver, driver.message, table: table, statement: statement ?? driver.statement, underlying: driver)
        }
        return ORMError(.driver, "\(error)", table: table, statement: statement, underlying: error)
    }
}

extension CassandraError {
    /// Whether the server (or, after retries, any node) answered Cassandra's "Materialized
    /// views are disabled. Enable in cassandra.yaml to use."
    var refusesDisabledViews: Bool {
        if let server = serverError, server.code == .invalid, server.message.hasPrefix("Materialized views are disabled") { return true }
        return nodeErrors.contains { $0.error.refusesDisabledViews }
    }
}
