import CQLProtocol

/// The `ORDER BY` of a SELECT: clustering order (natural or reversed), results ordered
/// after reading (`IN` on the partition key), or approximate-nearest-neighbour order.
struct SelectOrdering {
    /// The ANN query: vector column, query vector and similarity function.
    struct ANN {
        var column: ColumnSchema
        var query: [Float]
        var function: CQLVectorSimilarity
    }

    /// Whether rows are read in reverse clustering order.
    var reversed = false
    /// The ANN ordering, if any.
    var ann: ANN?
    /// Clustering columns and directions for ordering across partitions (`IN` + `ORDER BY`).
    var crossPartitionOrder: [(column: ColumnSchema, descending: Bool)] = []

    /// Whether results are ordered after reading all of them.
    var needsPostOrdering: Bool { ann != nil || !crossPartitionOrder.isEmpty }

    init(_ statement: Statement.Select, table: TableSchema, restrictions: KeyRestrictions, evaluator: TermEvaluator, pagingEnabled: Bool) throws(ExecutionError) {
        guard !statement.orderBy.isEmpty else { return }
        if let annClause = statement.orderBy.first(where: { $0.annOf != nil }) {
            guard statement.orderBy.count == 1 else { throw .invalid("Cannot combine ANN ordering with other orderings") }
            guard let column = table.column(named: annClause.column.name) else {
                throw .invalid("Undefined column name \(annClause.column.cqlText)")
            }
            guard case .vector(let element, _) = column.type, element == .float else {
                throw .invalid("ANN ordering is only supported on float vector indexes")
            }
            guard let index = table.indexes.first(where: { $0.column == column.name && $0.isStorageAttached }) else {
                throw .invalid("Cannot use ANN ordering on column \(column.name) as it has no storage-attached index")
            }
            let receiver = Receiver(keyspace: table.keyspace, table: table.name, name: column.name, type: column.type)
            guard case .vector(let values)? = try evaluator.value(annClause.annOf!, for: receiver) else {
                throw .invalid("Invalid null value for ANN ordering")
            }
            let query = values.compactMap { if case .float(let value) = $0 { value } else { nil } }
            let function = CQLVectorSimilarity(name: index.options["similarity_function"] ?? "cosine") ?? .cosine
            ann = ANN(column: column, query: query, function: function)
            return
        }
        guard let keys = restrictions.partitionKeys else {
            throw .invalid("ORDER BY is only supported when the partition key is restricted by an EQ or an IN.")
        }
        var expectedReversal: Bool?
        for (position, clause) in statement.orderBy.enumerated() {
            guard let column = table.column(named: clause.column.name) else {
                throw .invalid("Undefined column name \(clause.column.cqlText)")
            }
            guard column.kind == .clustering else {
                throw .invalid("Order by is currently only supported on the clustered columns of the PRIMARY KEY, got \(column.name)")
            }
            guard column.position == position else {
                throw .invalid("Order by currently only supports the ordering of columns following their declared order in the PRIMARY KEY")
            }
            let isReversal = clause.isDescending != (column.clusteringOrder == .descending)
            if let expectedReversal, expectedReversal != isReversal { throw .invalid("Unsupported order by relation") }
            expectedReversal = isReversal
            crossPartitionOrder.append((column, clause.isDescending))
        }
        reversed = expectedReversal ?? false
        if keys.count > 1 {
            if pagingEnabled {
                throw .invalid("Cannot page queries with both ORDER BY and a IN restriction on the partition key; you must either remove the ORDER BY or the IN and sort client side, or disable paging for this query")
            }
        } else {
            crossPartitionOrder = []
        }
    }

    /// Orders fully read rows (ANN by descending similarity, or by the ORDER BY columns).
    func sorted(_ rows: [ResolvedRow]) -> [ResolvedRow] {
        if let ann {
            let scored = rows.map { row -> (ResolvedRow, Float) in
                let vector = row.value(slot: ann.column.slot).flatMap { VectorSimilarity.floats($0.bytes) }
                return (row, vector.map { VectorSimilarity.score(ann.function, $0, ann.query) } ?? -.infinity)
            }
            return scored.filter { $0.1 > -.infinity }.sorted { $0.1 > $1.1 }.map(\.0)
        }
        return rows.sorted { left, right in
            for (column, descending) in crossPartitionOrder {
                let leftValue = RowFilter.value(of: column, in: left) ?? [], rightValue = RowFilter.value(of: column, in: right) ?? []
                let order = ValueComparator.compare(leftValue[...], rightValue[...], as: column.type)
                if order != 0 { return descending ? order > 0 : order < 0 }
            }
            return false
        }
    }
}
