import CQLProtocol

/// Executes SELECT: validates restrictions like Cassandra, reads the addressed partitions
/// in order, filters, projects, applies limits and pages.
struct SelectExecutor {
    /// Page size and paging state from the request.
    struct Paging {
        /// Rows per page; `nil` or non-positive means everything in one page.
        var pageSize: Int?
        /// The state returned with the previous page.
        var state: [UInt8]?
    }

    let statement: Statement.Select
    let table: TableSchema
    let evaluator: TermEvaluator
    let paging: Paging
    let now: Int64

    /// Runs the query against `store` (a real table's data or a virtual table's rows).
    func execute(store: inout TableStore) throws(ExecutionError) -> ResultSet {
        guard statement.groupBy.isEmpty else { throw .invalid("GROUP BY is not supported by the embedded server") }
        let restrictions = try KeyRestrictions(statement.whereClause, table: table, evaluator: evaluator)
        try validateFiltering(restrictions)
        let selection = try Selection(statement, table: table, evaluator: evaluator)
        try validateDistinct(selection)
        let ordering = try SelectOrdering(statement, table: table, restrictions: restrictions, evaluator: evaluator, pagingEnabled: (paging.pageSize ?? 0) > 0)
        let limit = try limitValue(statement.limit, name: "[limit]", message: "LIMIT must be strictly positive")
        let perPartitionLimit = try limitValue(statement.perPartitionLimit, name: "[per_partition_limit]", message: "PER PARTITION LIMIT must be strictly positive")
        if ordering.ann != nil {
            guard let limit else { throw .invalid("SAI based ORDER BY clause requires a LIMIT that is not greater than 1000. LIMIT was NO LIMIT") }
            guard limit <= 1000 else { throw .invalid("SAI based ORDER BY clause requires a LIMIT that is not greater than 1000. LIMIT was \(limit)") }
        }

        let filter = RowFilter(table: table, restrictions: restrictions.all)
        let pagingState = try paging.state.map { bytes throws(ExecutionError) in try PagingState(bytes: bytes) }
        var keys = partitionKeys(restrictions, store: &store)
        if case .after(let lastKey, _)? = pagingState?.position, let index = keys.firstIndex(of: lastKey) {
            keys.removeFirst(index)
        }

        // Aggregates and post-ordered results read everything, then order and page by offset.
        if selection.isAggregate || ordering.needsPostOrdering {
            var rows: [ResolvedRow] = []
            for key in keys {
                guard let partition = store.partition(key) else { continue }
                var partitionRows = partition.resolvedRows(table: table, now: now).filter(filter.matches)
                if statement.isDistinct { partitionRows = Array(partitionRows.prefix(1)) }
                // An aggregate reads every row: its LIMIT and PER PARTITION LIMIT bound the single
                // output row, not the input (SelectStatement.getDataLimits, AGGREGATE_EVERYTHING).
                if let perPartitionLimit, !selection.isAggregate { partitionRows = Array(partitionRows.prefix(perPartitionLimit)) }
                rows += partitionRows
            }
            if selection.isAggregate {
                return ResultSet(columns: selection.columns, rows: [selection.aggregate(rows)])
            }
            rows = ordering.sorted(rows)
            if let limit { rows = Array(rows.prefix(limit)) }
            var offset = 0
            if case .offset(let skipped)? = pagingState?.position { offset = skipped }
            let remaining = rows.dropFirst(offset)
            let pageSize = paging.pageSize.flatMap { $0 > 0 ? $0 : nil } ?? remaining.count
            let page = remaining.prefix(pageSize)
            let next = offset + page.count < rows.count
                ? PagingState(position: .offset(offset + page.count), rowsReturned: offset + page.count, rowsInPartition: 0).bytes : nil
            return ResultSet(columns: selection.columns, rows: page.map(selection.project), pagingState: next)
        }

        var output: [[[UInt8]?]] = []
        var returned = pagingState?.rowsReturned ?? 0
        let pageSize = paging.pageSize.flatMap { $0 > 0 ? $0 : nil }
        var lastPosition: (key: [UInt8], clustering: [[UInt8]], inPartition: Int)?
        let comparator = ClusteringComparator(table: table)
        partitions: for key in keys {
            guard let partition = store.partition(key) else { continue }
            var rows = partition.resolvedRows(table: table, now: now)
            if ordering.reversed { rows.reverse() }
            var inPartition = 0
            if case .after(let lastKey, let lastClustering)? = pagingState?.position, lastKey == key {
                inPartition = pagingState?.rowsInPartition ?? 0
                if statement.isDistinct || lastClustering.isEmpty { continue }
                rows = rows.filter { row in
                    let order = comparator.compare(row.clustering, lastClustering)
                    return ordering.reversed ? order < 0 : order > 0
                }
            }
            for row in rows where filter.matches(row) {
                if let limit, returned >= limit { break partitions }
                if let perPartitionLimit, inPartition >= perPartitionLimit { break }
                if let pageSize, output.count >= pageSize {
                    let state = PagingState(position: .after(partitionKey: lastPosition!.key, clustering: lastPosition!.clustering),
                                            rowsReturned: returned, rowsInPartition: lastPosition!.inPartition)
                    return ResultSet(columns: selection.columns, rows: output, pagingState: state.bytes)
                }
                output.append(selection.project(row))
                returned += 1
                inPartition += 1
                lastPosition = (key, row.clustering, inPartition)
                if statement.isDistinct { break }
            }
        }
        return ResultSet(columns: selection.columns, rows: output)
    }

    /// The partitions to read, in result order.
    private func partitionKeys(_ restrictions: KeyRestrictions, store: inout TableStore) -> [[UInt8]] {
        if let keys = restrictions.partitionKeys {
            // Distinct keys in partition-key order, as Cassandra's IN reads them.
            let types = table.partitionKey.map { table.columns[$0].type }
            var seen = Set<[UInt8]>()
            return keys
                .sorted { left, right in
                    for index in left.indices {
                        let order = ValueComparator.compare(left[index][...], right[index][...], as: types[index])
                        if order != 0 { return order < 0 }
                    }
                    return false
                }
                .map(PartitionKeyEncoding.routingKey)
                .filter { seen.insert($0).inserted }
        }
        var keys = store.keysInTokenOrder()
        if let lower = restrictions.tokenLower {
            keys = keys.filter { key in
                let token = store.partition(key)?.token ?? .min
                return lower.inclusive ? token >= lower.value : token > lower.value
            }
        }
        if let upper = restrictions.tokenUpper {
            keys = keys.filter { key in
                let token = store.partition(key)?.token ?? .max
                return upper.inclusive ? token <= upper.value : token < upper.value
            }
        }
        return keys
    }

    private func limitValue(_ term: Term?, name: String, message: String) throws(ExecutionError) -> Int? {
        guard let term else { return nil }
        let receiver = Receiver(keyspace: table.keyspace, table: table.name, name: name, type: .int)
        guard case .int(let value)? = try evaluator.value(term, for: receiver) else {
            throw .invalid("Invalid null value of limit")
        }
        guard value > 0 else { throw .invalid(message) }
        return Int(value)
    }

    private static let filteringMessage = "Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING"

    /// Cassandra's rules for when a query needs `ALLOW FILTERING` (simplified from `StatementRestrictions`).
    private func validateFiltering(_ restrictions: KeyRestrictions) throws(ExecutionError) {
        let indexedColumns = Set(table.indexes.map(\.column))
        let saiColumns = Set(table.indexes.filter(\.isStorageAttached).map(\.column))
        var usesIndex = false
        var needsFiltering = false
        for restriction in restrictions.regularRestrictions {
            let column = restriction.column.name
            if restriction.op == .like && !indexedColumns.contains(column) {
                throw .invalid("LIKE restriction is only supported on properly indexed columns. \(column) LIKE … is not valid.")
            }
            let supported: Bool
            switch restriction.op {
            case .equal, .contains, .containsKey, .like: supported = indexedColumns.contains(column)
            case .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual: supported = saiColumns.contains(column)
            default: supported = false
            }
            if supported { usesIndex = true } else { needsFiltering = true }
        }
        if restrictions.partitionKeyNeedsFiltering && !usesIndex { needsFiltering = true }
        if restrictions.clusteringNeedsFiltering && !usesIndex {
            if let message = restrictions.clusteringFilteringMessage, !statement.allowFiltering { throw .invalid(message) }
            needsFiltering = true
        }
        let hasClusteringRestriction = restrictions.all.contains { $0.column.kind == .clustering }
        if restrictions.partitionKeys == nil && restrictions.tokenLower == nil && restrictions.tokenUpper == nil
            && hasClusteringRestriction && !usesIndex {
            needsFiltering = true
        }
        if needsFiltering && !statement.allowFiltering {
            throw .invalid(Self.filteringMessage)
        }
    }

    private func validateDistinct(_ selection: Selection) throws(ExecutionError) {
        guard statement.isDistinct else { return }
        for expression in selection.expressions {
            if case .column(let column) = expression, column.kind != .partitionKey && column.kind != .staticColumn {
                throw .invalid("SELECT DISTINCT queries must only request partition key columns and/or static columns (not \(column.name))")
            }
        }
        let selected = Set(selection.expressions.compactMap { if case .column(let column) = $0 { column.name } else { nil } })
        let missing = table.partitionKey.map { table.columns[$0].name }.filter { !selected.contains($0) }
        if !missing.isEmpty && !selection.isAggregate {
            throw .invalid("SELECT DISTINCT queries must request all the partition key columns (missing \(missing.joined(separator: ", ")))")
        }
    }
}
