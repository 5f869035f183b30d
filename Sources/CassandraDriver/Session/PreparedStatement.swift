import CQLProtocol

/// A statement prepared on the cluster: its id, its bind markers' types and the
/// partition-key positions used for token-aware routing.
///
/// ```swift
/// let insert = try await session.prepare("INSERT INTO users (id, name) VALUES (?, ?)")
/// try await session.execute(insert, userID, "Ada")
/// try await session.execute(insert.bind(named: ["id": userID, "name": "Ada"]))
/// ```
///
/// Values are type-checked on the client against the markers' types. When a node has
/// forgotten the statement (UNPREPARED), the driver re-prepares it there and retries once.
public struct PreparedStatement: Sendable {
    /// The fields, shared by every copy: a prepared statement travels by value through each
    /// request (bound statement, request, retries), and one reference is cheaper to copy than
    /// six.
    private final class Storage: Sendable {
        let cql: String
        let keyspace: String?
        let id: [UInt8]
        let variables: [ResultMetadata.ColumnSpec]
        let partitionKeyIndexes: [Int]
        let resultMetadata: ResultMetadata
        let routingKeyspace: String?

        init(cql: String, keyspace: String?, prepared: ResponseMessage.Result.Prepared) {
            self.cql = cql
            self.keyspace = keyspace
            id = prepared.id
            variables = prepared.metadata.columns
            partitionKeyIndexes = prepared.metadata.partitionKeyIndexes.map(Int.init)
            resultMetadata = prepared.resultMetadata
            routingKeyspace = variables.first?.keyspace ?? keyspace
        }
    }

    private let storage: Storage

    /// The CQL text.
    public var cql: String { storage.cql }
    /// The keyspace it was prepared in (the session's at the time), if any.
    public var keyspace: String? { storage.keyspace }
    /// The statement id the server assigned.
    public var id: [UInt8] { storage.id }
    /// The bind markers, in order, with names and types.
    public var variables: [ResultMetadata.ColumnSpec] { storage.variables }
    /// Positions in ``variables`` of the partition key components, in key order.
    public var partitionKeyIndexes: [Int] { storage.partitionKeyIndexes }
    /// The columns of the rows the statement returns (empty for writes).
    public var resultMetadata: ResultMetadata { storage.resultMetadata }

    init(cql: String, keyspace: String?, prepared: ResponseMessage.Result.Prepared) {
        storage = Storage(cql: cql, keyspace: keyspace, prepared: prepared)
    }

    /// Binds values to the markers by position.
    /// - Parameter values: one value per marker; `nil` optionals bind NULL.
    /// - Returns: a statement ready for ``Session/execute(_:)-(BoundStatement)``.
    /// - Throws: ``CassandraError/Code/invalidArgument`` for a wrong count and
    ///   ``CassandraError/Code/typeMismatch`` when a value does not fit its marker's type.
    public func bind(_ values: any CQLEncodable & Sendable...) throws -> BoundStatement {
        try bind(values: values)
    }

    /// Binds an array of values by position, like ``bind(_:)``.
    /// - Parameter values: one value per marker.
    /// - Returns: the bound statement.
    /// - Throws: as ``bind(_:)``.
    public func bind(values: [any CQLEncodable & Sendable]) throws -> BoundStatement {
        BoundStatement(prepared: self, serializedValues: try StatementBinding.serialize(values, for: variables, statement: cql))
    }

    /// Binds values by marker name; markers without a value stay unset (not NULL).
    /// - Parameter values: values by marker (column) name.
    /// - Returns: the bound statement.
    /// - Throws: ``CassandraError/Code/invalidArgument`` for a name with no marker, and
    ///   ``CassandraError/Code/typeMismatch``.
    public func bind(named values: [String: any CQLEncodable & Sendable]) throws -> BoundStatement {
        let pairs = values.map { ($0.key, $0.value) }
        return BoundStatement(prepared: self, serializedValues: try StatementBinding.serialize(named: pairs, for: variables, statement: cql))
    }

    /// The Murmur3 token of the partition key within `values`, or `nil` when a component is
    /// missing, NULL or unset, or the statement has no partition key markers.
    func token(for values: RequestMessage.SerializedValues) -> Int64? {
        switch partitionKeyIndexes.count {
        case 0:
            return nil
        case 1:
            // The common case: the key is the value's bytes, hashed where they are.
            return values.bytes(at: partitionKeyIndexes[0]).map { Murmur3Partitioner.token(for: $0) }
        default:
            var components: [[UInt8]] = []
            components.reserveCapacity(partitionKeyIndexes.count)
            for index in partitionKeyIndexes {
                guard let bytes = values.bytes(at: index) else { return nil }
                components.append(Array(bytes))
            }
            guard let key = try? Murmur3Partitioner.routingKey(components) else { return nil }
            return Murmur3Partitioner.token(for: key)
        }
    }

    /// The keyspace for routing: the first variable's, else the one prepared in.
    var routingKeyspace: String? { storage.routingKeyspace }
}

/// A ``PreparedStatement`` with its values serialized, plus options.
public struct BoundStatement: Sendable {
    /// The prepared statement.
    public let prepared: PreparedStatement
    /// The values in wire form, one per marker.
    public let serializedValues: RequestMessage.SerializedValues
    /// Per-execution options; unset ones take the session's defaults.
    public var options: Statement.Options

    /// The serialized values, one per marker.
    public var values: [CQLRawValue] { serializedValues.rawValues }

    /// Creates a bound statement from values already serialized.
    /// - Parameters:
    ///   - prepared: the prepared statement.
    ///   - values: one raw value per marker.
    ///   - options: options.
    public init(prepared: PreparedStatement, values: [CQLRawValue], options: Statement.Options = .init()) {
        self.init(prepared: prepared, serializedValues: RequestMessage.SerializedValues(values), options: options)
    }

    /// Creates a bound statement from values in wire form.
    /// - Parameters:
    ///   - prepared: the prepared statement.
    ///   - serializedValues: one `[value]` per marker.
    ///   - options: options.
    public init(prepared: PreparedStatement, serializedValues: RequestMessage.SerializedValues, options: Statement.Options = .init()) {
        self.prepared = prepared
        self.serializedValues = serializedValues
        self.options = options
    }

    /// The partition key's token, for token-aware routing.
    public var token: Int64? { prepared.token(for: serializedValues) }
}
