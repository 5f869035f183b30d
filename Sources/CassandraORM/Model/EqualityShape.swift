/// The shape of the commonest read, fields compared by equality only (`["id": id]`) with no
/// projection, ordering or per-partition limit, as a set of column positions.
///
/// Computing it costs one dictionary lookup per field, and hashing it a few integers, where
/// the general ``ReadShape`` parses the query object into restrictions and hashes their
/// names. The statement it stands for binds the fields' values in ascending position order,
/// which is the order ``QueryBuilder/ordered(_:)`` gives them (key fields in key order,
/// then the others by name, as ``ColumnLayout`` numbers them), then a bound limit.
struct EqualityShape: Hashable, Sendable {
    /// Bit `p` is set when the field at position `p` of the ``ColumnLayout`` is restricted.
    let columns: UInt64
    /// The statement's `LIMIT`.
    let limit: LimitClause
    /// Whether the statement ends with `ALLOW FILTERING`.
    let allowFiltering: Bool
    /// Whether this is `SELECT COUNT(*)`.
    let isCount: Bool

    /// The shape of `query`, or `nil` when the query or the options need the general path:
    /// operator objects, `$and`, map or user-defined type values (which could be operator
    /// objects), unknown fields, `select`, `orderBy` or `perPartitionLimit`.
    /// - Parameters:
    ///   - query: the query object.
    ///   - options: the read options.
    ///   - limit: the limit to read with, in place of ``FindOptions/limit``.
    ///   - isCount: whether this is `SELECT COUNT(*)`.
    ///   - layout: the model's columns.
    init?(_ query: [String: ORMValue], options: FindOptions, limit: Int?, isCount: Bool, layout: ColumnLayout) {
        guard options.select == nil, options.orderBy.isEmpty, options.perPartitionLimit == nil else { return nil }
        var columns: UInt64 = 0
        for (field, value) in query {
            if case .map = value { return nil }
            guard let position = layout.positions[field], position < UInt64.bitWidth else { return nil }
            columns |= 1 << position
        }
        self.columns = columns
        self.limit = LimitClause(limit)
        allowFiltering = options.allowFiltering
        self.isCount = isCount
    }
}
