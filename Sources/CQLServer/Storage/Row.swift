/// When a row was created by an INSERT (its primary-key liveness), as in Cassandra's
/// `LivenessInfo`: an INSERT keeps the row alive even when every column is null.
struct RowLiveness: Sendable, Hashable {
    /// The insert timestamp in microseconds.
    var timestamp: Int64
    /// The TTL in seconds (0 = none).
    var ttl: Int32
    /// Expiry in seconds since the epoch (0 = never).
    var expiresAt: Int64

    /// Whether the liveness is in effect at `now` and not shadowed by `deletion`.
    func isLive(now: Int64, deletion: Int64) -> Bool {
        timestamp > deletion && (expiresAt == 0 || expiresAt > now)
    }

    /// A liveness that has already expired at `now`: it replaces older livenesses without
    /// deleting any cell. Materialized views use it to end a row whose key column changed
    /// (Cassandra's `LivenessInfo.withExpirationTime(timestamp, EXPIRED_LIVENESS_TTL, now)`).
    static func expired(timestamp: Int64, now: Int64) -> RowLiveness {
        RowLiveness(timestamp: timestamp, ttl: .max, expiresAt: now)
    }
}

/// One CQL row (or a partition's static row): clustering values, liveness, deletion and cells.
struct Row: Sendable, Hashable {
    /// The serialized clustering values, one per clustering column (empty for static rows).
    var clustering: [[UInt8]]
    /// Primary-key liveness from INSERT.
    var liveness: RowLiveness?
    /// Row tombstone: data written at or before this timestamp is deleted.
    var deletedAt: Int64 = .min
    /// Cells by column index in the table's column list; `nil` where nothing was written.
    var cells: [ColumnData?]

    /// An empty row with room for `columnCount` columns.
    init(clustering: [[UInt8]], columnCount: Int) {
        self.clustering = clustering
        cells = Array(repeating: nil, count: columnCount)
    }

    /// Grows the cell array after ALTER TABLE ADD.
    mutating func ensureCapacity(_ columnCount: Int) {
        if cells.count < columnCount { cells += Array(repeating: nil, count: columnCount - cells.count) }
    }
}
