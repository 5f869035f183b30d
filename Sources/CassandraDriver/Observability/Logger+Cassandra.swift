import Logging

/// The metadata keys the driver attaches to its log messages, in one place (like
/// postgres-nio's `PSQLConnection.LoggerMetaDataKey`).
///
/// The driver never creates a logger of its own: it logs to the one in
/// ``Session/Configuration/logger``, which defaults to a logger that discards everything.
public enum CassandraLogKey: String, Sendable, CaseIterable {
    /// The node, as `address:port`.
    case node = "cassandra_node"
    /// The negotiated native protocol version.
    case protocolVersion = "cassandra_protocol_version"
    /// A pool's connection id.
    case connectionID = "cassandra_connection_id"
    /// The keyspace involved.
    case keyspace = "cassandra_keyspace"
    /// A reconnection delay.
    case delay = "cassandra_delay"
    /// An error, as `String(reflecting:)`.
    case error = "cassandra_error"
    /// The kind of a server event.
    case event = "cassandra_event"
    /// A schema version.
    case schemaVersion = "cassandra_schema_version"
}

extension Logger {
    /// A logger that discards everything: the default when the application passes none.
    ///
    /// swift-log's guidance is to accept loggers, never to construct one with
    /// `Logger(label:)`, which would route through the global bootstrap behind the
    /// application's back.
    public static let cassandraNoOp = Logger(label: "cassandra.noop", factory: { _ in SwiftLogNoOpLogHandler() })
}
