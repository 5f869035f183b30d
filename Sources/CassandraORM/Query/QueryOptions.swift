import CQLProtocol

/// Options of ``Model/find(_:options:)`` and the other reads.
///
/// ```swift
/// .init(select: ["id", "rating"], limit: 10, orderBy: ["rating": .desc], allowFiltering: true)
/// ```
public struct FindOptions: Sendable {
    /// The fields to read; all when `nil`.
    public var select: [String]?
    /// The maximum number of rows.
    public var limit: Int?
    /// The maximum number of rows per partition.
    public var perPartitionLimit: Int?
    /// Clustering columns and directions, in order.
    public var orderBy: KeyValuePairs<String, SortDirection>
    /// Whether Cassandra may filter rows (needed to restrict non-key, non-indexed fields).
    public var allowFiltering: Bool
    /// Rows per page fetched from the server.
    public var pageSize: Int?
    /// Where to resume: ``Page/pagingState`` of a previous ``Model/findPage(_:options:)``.
    public var pagingState: [UInt8]?
    /// The consistency level; the client's default when `nil`.
    public var consistency: Consistency?
    /// Whether to skip converting rows to ``ORMValue``s: ``Record/row`` then holds the
    /// driver's row and ``Record/values`` is empty.
    public var raw: Bool

    /// Creates options.
    /// - Parameters:
    ///   - select: fields to read.
    ///   - limit: maximum rows.
    ///   - perPartitionLimit: maximum rows per partition.
    ///   - orderBy: clustering order.
    ///   - allowFiltering: whether to allow filtering.
    ///   - pageSize: rows per page.
    ///   - pagingState: where to resume.
    ///   - consistency: the consistency level.
    ///   - raw: whether to return driver rows untouched.
    public init(select: [String]? = nil, limit: Int? = nil, perPartitionLimit: Int? = nil,
                orderBy: KeyValuePairs<String, SortDirection> = [:], allowFiltering: Bool = false, pageSize: Int? = nil,
                pagingState: [UInt8]? = nil, consistency: Consistency? = nil, raw: Bool = false) {
        self.select = select
        self.limit = limit
        self.perPartitionLimit = perPartitionLimit
        self.orderBy = orderBy
        self.allowFiltering = allowFiltering
        self.pageSize = pageSize
        self.pagingState = pagingState
        self.consistency = consistency
        self.raw = raw
    }
}

/// Options of ``Model/save(_:options:)``.
public struct SaveOptions: Sendable {
    /// Insert only if no row has the key (`IF NOT EXISTS`).
    public var ifNotExists: Bool
    /// Time to live in seconds.
    public var ttl: Int?
    /// The write timestamp in microseconds since the epoch.
    public var timestamp: Int64?
    /// The consistency level.
    public var consistency: Consistency?

    /// Creates options.
    /// - Parameters:
    ///   - ifNotExists: insert only if absent.
    ///   - ttl: time to live in seconds.
    ///   - timestamp: write timestamp in microseconds.
    ///   - consistency: the consistency level.
    public init(ifNotExists: Bool = false, ttl: Int? = nil, timestamp: Int64? = nil, consistency: Consistency? = nil) {
        self.ifNotExists = ifNotExists
        self.ttl = ttl
        self.timestamp = timestamp
        self.consistency = consistency
    }
}

/// Options of ``Model/update(where:set:options:)`` and ``Model/delete(where:options:)``.
public struct UpdateOptions: Sendable {
    /// Apply only if the row exists (`IF EXISTS`).
    public var ifExists: Bool
    /// Apply only if these fields hold these values (`IF a = ? AND b > ?`); operator objects allowed.
    public var conditions: [String: ORMValue]
    /// Time to live in seconds (updates only).
    public var ttl: Int?
    /// The write timestamp in microseconds since the epoch.
    public var timestamp: Int64?
    /// The consistency level.
    public var consistency: Consistency?

    /// Creates options.
    /// - Parameters:
    ///   - ifExists: apply only to an existing row.
    ///   - conditions: lightweight-transaction conditions.
    ///   - ttl: time to live in seconds.
    ///   - timestamp: write timestamp in microseconds.
    ///   - consistency: the consistency level.
    public init(ifExists: Bool = false, conditions: [String: ORMValue] = [:], ttl: Int? = nil, timestamp: Int64? = nil,
                consistency: Consistency? = nil) {
        self.ifExists = ifExists
        self.conditions = conditions
        self.ttl = ttl
        self.timestamp = timestamp
        self.consistency = consistency
    }
}
