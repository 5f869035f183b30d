import CQLProtocol

/// Orders rows within a partition by their clustering values, honouring each column's
/// `CLUSTERING ORDER` (descending columns compare reversed).
struct ClusteringComparator: Sendable {
    /// The clustering column types, in key order.
    let types: [CQLType]
    /// Whether each clustering column is descending.
    let descending: [Bool]

    /// Creates the comparator for `table`.
    init(table: TableSchema) {
        types = table.clustering.map { table.columns[$0].type }
        descending = table.clustering.map { table.columns[$0].clusteringOrder == .descending }
    }

    /// Compares two clustering prefixes component by component; a shorter prefix that
    /// matches sorts first.
    func compare(_ left: [[UInt8]], _ right: [[UInt8]]) -> Int {
        for index in 0..<min(left.count, right.count) {
            let order = ValueComparator.compare(left[index][...], right[index][...], as: types[index])
            if order != 0 { return descending[index] ? -order : order }
        }
        return left.count - right.count
    }
}
