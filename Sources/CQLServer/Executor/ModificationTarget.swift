import CQLProtocol

/// The rows an INSERT, UPDATE or DELETE addresses: partition keys and clustering,
/// validated against Cassandra's rules for modification statements.
struct ModificationTarget {
    /// One addressed partition.
    struct PartitionTarget {
        /// Partition-key column values.
        var components: [[UInt8]]
        /// The routing key.
        var key: [UInt8]
        /// The token.
        var token: Int64
    }

    /// The addressed partitions (several for `IN`).
    var partitions: [PartitionTarget]
    /// Full clustering keys addressed by EQ/IN; `[[]]` for tables without clustering or partition-level targets.
    var clusterings: [[[UInt8]]]
    /// Whether clustering columns were restricted only partially (DELETE ranges).
    var isPartialClustering: Bool
    /// The analysed restrictions (for range deletes).
    var restrictions: KeyRestrictions

    /// Builds the target from a WHERE clause.
    /// - Parameters:
    ///   - statementKind: `UPDATE` or `DELETE`, for messages.
    ///   - allowsPartialClustering: DELETE allows ranges and partition deletes.
    ///   - onlyStatic: The statement touches only static columns (clustering may then be absent).
    init(whereClause: [Relation], table: TableSchema, evaluator: TermEvaluator, statementKind: String,
         allowsPartialClustering: Bool, onlyStatic: Bool) throws(ExecutionError) {
        let restrictions = try KeyRestrictions(whereClause, table: table, evaluator: evaluator)
        if restrictions.all.contains(where: \.isToken) {
            throw .invalid("The token function cannot be used in WHERE clauses for \(statementKind) statements")
        }
        // Range tombstones cover a prefix plus a slice of one column; a multi-column relation
        // would need a union of slices, so it is refused rather than widened.
        if restrictions.all.contains(where: { !$0.tupleColumns.isEmpty }) {
            throw .invalid("Multi-column relations are not supported in \(statementKind) statements by the embedded server")
        }
        if let regular = restrictions.regularRestrictions.first {
            throw .invalid("Non PRIMARY KEY columns found in where clause: \(regular.column.name) ")
        }
        guard let keys = restrictions.partitionKeys else {
            let restricted = Set(restrictions.all.map(\.column.name))
            let missing = table.partitionKey.map { table.columns[$0].name }.filter { !restricted.contains($0) }
            if missing.isEmpty {
                throw .invalid("Only EQ and IN relation are supported on the partition key (unless you use the token() function) for \(statementKind) statements")
            }
            throw .invalid("Some partition key parts are missing: \(missing.joined(separator: ", "))")
        }
        if restrictions.clusteringNeedsFiltering {
            throw .invalid(restrictions.clusteringFilteringMessage ?? "Only EQ and IN relation are supported on the clustering columns for \(statementKind) statements")
        }
        let prefixLength = restrictions.clusteringPrefixes.first?.count ?? 0
        let complete = prefixLength == table.clustering.count && !restrictions.hasClusteringSlice
        if !complete && !allowsPartialClustering && !(onlyStatic && prefixLength == 0 && !restrictions.hasClusteringSlice) {
            let missing = table.clustering.dropFirst(prefixLength).map { table.columns[$0].name }
            throw .invalid("Some clustering keys are missing: \(missing.joined(separator: ", "))")
        }
        if onlyStatic && prefixLength > 0 && statementKind == "UPDATE" {
            throw .invalid("Invalid restrictions on clustering columns since the UPDATE statement modifies only static columns")
        }
        partitions = keys.map { components in
            let key = PartitionKeyEncoding.routingKey(components)
            return PartitionTarget(components: components, key: key, token: Murmur3Partitioner.token(for: key))
        }
        clusterings = restrictions.clusteringPrefixes
        isPartialClustering = !complete
        self.restrictions = restrictions
        try Self.validateKeySizes(partitions, clusterings)
    }

    /// Cassandra limits key components to 64 KiB.
    private static func validateKeySizes(_ partitions: [PartitionTarget], _ clusterings: [[[UInt8]]]) throws(ExecutionError) {
        for partition in partitions where partition.components.contains(where: { $0.count > 65_535 }) || partition.key.isEmpty && partition.components.count == 1 {
            if partition.key.isEmpty { throw .invalid("Key may not be empty") }
            throw .invalid("Key length of \(partition.key.count) is longer than maximum of 65535")
        }
        for clustering in clusterings where clustering.contains(where: { $0.count > 65_535 }) {
            throw .invalid("Key length is longer than maximum of 65535")
        }
    }

    /// The range tombstone a partial-clustering DELETE writes.
    func rangeTombstone(table: TableSchema, timestamp: Int64) -> [RangeTombstone] {
        var tombstones: [RangeTombstone] = []
        for prefix in clusterings {
            var tombstone = RangeTombstone(prefix: prefix, lower: nil, upper: nil, timestamp: timestamp)
            if restrictions.hasClusteringSlice, prefix.count < table.clustering.count {
                let column = table.columns[table.clustering[prefix.count]]
                for restriction in restrictions.all where restriction.column.name == column.name && restriction.tupleColumns.isEmpty {
                    guard let value = restriction.values.first else { continue }
                    switch restriction.op {
                    case .greaterThan: tombstone.lower = .init(value: value, inclusive: false)
                    case .greaterThanOrEqual: tombstone.lower = .init(value: value, inclusive: true)
                    case .lessThan: tombstone.upper = .init(value: value, inclusive: false)
                    case .lessThanOrEqual: tombstone.upper = .init(value: value, inclusive: true)
                    default: break
                    }
                }
            }
            tombstones.append(tombstone)
        }
        return tombstones
    }
}
