import CQLProtocol

/// Several modifications sent as one BATCH (native_protocol_v4.spec §4.1.7): simple and
/// prepared statements may be mixed.
///
/// ```swift
/// var batch = BatchStatement(type: .logged)
/// batch.add("INSERT INTO users (id, name) VALUES (?, ?)", id, "Ada")
/// batch.add(try insertEmail.bind(id, "ada@example.com"))
/// try await session.batch(batch)
/// ```
public struct BatchStatement: Sendable {
    /// Logged (atomic via the batch log), unlogged, or counter.
    public typealias BatchType = RequestMessage.Batch.BatchType

    /// One statement of a batch.
    public enum Entry: Sendable {
        /// A simple statement; its values are serialized by their natural types.
        case simple(Statement)
        /// A bound prepared statement.
        case bound(BoundStatement)
    }

    /// The batch type.
    public var type: BatchType
    /// The statements, in order.
    public var entries: [Entry]
    /// Options for the whole batch (consistency, serial consistency, timestamp, timeout, …);
    /// page size and paging state do not apply.
    public var options: Statement.Options

    /// Creates an empty batch.
    /// - Parameters:
    ///   - type: logged, unlogged or counter.
    ///   - options: options for the whole batch.
    public init(type: BatchType = .logged, options: Statement.Options = .init()) {
        self.type = type
        self.entries = []
        self.options = options
    }

    /// Appends a simple statement.
    /// - Parameters:
    ///   - cql: the CQL text with `?` markers.
    ///   - values: its values.
    public mutating func add(_ cql: String, _ values: any CQLEncodable & Sendable...) {
        entries.append(.simple(Statement(cql, values: .positional(values))))
    }

    /// Appends a bound prepared statement.
    /// - Parameter statement: the statement.
    public mutating func add(_ statement: BoundStatement) {
        entries.append(.bound(statement))
    }

    /// Appends a simple statement.
    /// - Parameter statement: the statement.
    public mutating func add(_ statement: Statement) {
        entries.append(.simple(statement))
    }
}
