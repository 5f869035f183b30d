/// Rejects, before anything is sent, queries Cassandra would reject: unknown fields,
/// operators that do not fit the column, invalid ordering, and filtering without
/// `allowFiltering` (a simplified form of Cassandra's `StatementRestrictions`).
struct QueryValidator {
    let schema: ResolvedSchema

    func column(_ field: String) throws(ORMError) -> ResolvedSchema.Column {
        guard let column = schema.columns[field] else {
            throw ORMError(.unknownField, "the schema has no field '\(field)'", table: schema.table, field: field)
        }
        return column
    }

    /// Checks operators against column types.
    func validateOperators(_ restrictions: [Restriction]) throws(ORMError) {
        for restriction in restrictions {
            let column = try column(restriction.field)
            let type = column.type.unfrozen
            if restriction.isToken {
                guard column.kind == .partitionKey else {
                    throw ORMError(.invalidQuery, "$token applies to the partition key, not '\(restriction.field)'",
                                   table: schema.table, field: restriction.field)
                }
                continue
            }
            switch restriction.op {
            case .contains:
                switch type {
                case .list, .set, .map: break
                default: throw ORMError(.invalidQuery, "$contains needs a collection field; '\(column.name)' is \(column.type)",
                                        table: schema.table, field: column.name)
                }
            case .containsKey:
                guard case .map = type else {
                    throw ORMError(.invalidQuery, "$contains_key needs a map field; '\(column.name)' is \(column.type)",
                                   table: schema.table, field: column.name)
                }
            case .like:
                guard type == .native("text") || type == .native("ascii") else {
                    throw ORMError(.invalidQuery, "$like needs a text field; '\(column.name)' is \(column.type)",
                                   table: schema.table, field: column.name)
                }
            default:
                if column.type.isMultiCellCollection && restriction.op != .eq {
                    throw ORMError(.invalidQuery, "\(restriction.op.rawValue) cannot restrict the collection '\(column.name)'; use $contains",
                                   table: schema.table, field: column.name)
                }
            }
        }
    }

    /// Checks a read's restrictions and options.
    func validateRead(_ restrictions: [Restriction], options: FindOptions) throws(ORMError) {
        try validateOperators(restrictions)
        try validateEqualities(restrictions)
        for field in options.select ?? [] { _ = try column(field) }
        try validateLimits(options)
        let filtered = filteredFields(restrictions)
        if !filtered.isEmpty && !options.allowFiltering {
            throw ORMError(.filteringRequired,
                           "restricting \(filtered.map { "'\($0)'" }.joined(separator: ", ")) needs filtering: index the field, restrict the whole partition key, or pass allowFiltering: true",
                           table: schema.table, field: filtered.first)
        }
        try validateOrder(restrictions, options.orderBy.map { ($0.key, $0.value) })
    }

    /// Checks that a field compared by `$eq` or `$in` has no other relation (Cassandra: "cannot
    /// be restricted by more than one relation if it includes an Equal"); `$contains` and
    /// `$contains_key` may add to it.
    func validateEqualities(_ restrictions: [Restriction]) throws(ORMError) {
        let relations = restrictions.filter { !$0.isToken && $0.op != .contains && $0.op != .containsKey }
        for restriction in relations where restriction.op == .eq || restriction.op == .in {
            guard relations.count(where: { $0.field == restriction.field }) == 1 else {
                throw ORMError(.invalidQuery,
                               "'\(restriction.field)' is compared by \(restriction.op.rawValue) and restricted again; keep only that relation",
                               table: schema.table, field: restriction.field)
            }
        }
    }

    /// Checks that the limits, when set, are positive.
    func validateLimits(_ options: FindOptions) throws(ORMError) {
        if let limit = options.limit, limit <= 0 { throw Self.nonPositiveLimit(table: schema.table) }
        if let limit = options.perPartitionLimit, limit <= 0 {
            throw ORMError(.invalidQuery, "perPartitionLimit must be positive", table: schema.table)
        }
    }

    /// The error of a limit that is not positive.
    static func nonPositiveLimit(table: String) -> ORMError {
        ORMError(.invalidQuery, "limit must be positive", table: table)
    }

    /// Fields whose restriction Cassandra can only apply by filtering.
    func filteredFields(_ restrictions: [Restriction]) -> [String] {
        var filtered: [String] = []
        let plain = restrictions.filter { !$0.isToken }
        func ops(_ field: String) -> [Operator] { plain.filter { $0.field == field }.map(\.op) }
        let partitionRestricted = schema.partitionKey.map { field in ops(field).contains { $0 == .eq || $0 == .in } }
        let partitionComplete = partitionRestricted.allSatisfy { $0 }
        for field in schema.partitionKey where !ops(field).isEmpty {
            if !partitionComplete || ops(field).contains(where: { $0 != .eq && $0 != .in }) { filtered.append(field) }
        }
        var prefixOpen = partitionComplete
        for field in schema.clustering {
            let fieldOps = ops(field)
            if fieldOps.isEmpty {
                prefixOpen = false
                continue
            }
            if !prefixOpen || fieldOps.contains(where: { !($0 == .eq || $0 == .in || $0.isRange) }) {
                if !isServedByIndex(field, fieldOps) { filtered.append(field) }
                continue
            }
            if fieldOps.contains(where: { $0.isRange }) { prefixOpen = false }
        }
        var legacyIndexUsed = false
        for field in Set(plain.map(\.field)).sorted() where !schema.primaryKey.contains(field) {
            let fieldOps = ops(field)
            guard isServedByIndex(field, fieldOps) else {
                filtered.append(field)
                continue
            }
            if !(schema.indexes.first { $0.field == field }?.isStorageAttached ?? false) {
                if legacyIndexUsed { filtered.append(field) }
                legacyIndexUsed = true
            }
        }
        return filtered
    }

    private func isServedByIndex(_ field: String, _ ops: [Operator]) -> Bool {
        let indexes = schema.indexes.filter { $0.field == field }
        guard !indexes.isEmpty else { return false }
        return ops.allSatisfy { op in
            indexes.contains { index in
                switch op {
                case .eq: index.target == .values || index.target == .full
                case .contains: index.target == .values
                case .containsKey: index.target == .keys
                case .gt, .gte, .lt, .lte: index.isStorageAttached
                case .like: index.isStorageAttached
                case .ne, .in: false
                }
            }
        }
    }

    private func validateOrder(_ restrictions: [Restriction], _ orderBy: [(String, SortDirection)]) throws(ORMError) {
        guard !orderBy.isEmpty else { return }
        for (position, (field, direction)) in orderBy.enumerated() {
            guard position < schema.clustering.count, schema.clustering[position] == field else {
                throw ORMError(.invalidQuery, "orderBy must list clustering columns in key order (\(schema.clustering.joined(separator: ", "))); '\(field)' is out of place",
                               table: schema.table, field: field)
            }
            let first = orderBy[0]
            let reversed = first.1 != schema.columns[first.0]!.order
            if (direction != schema.columns[field]!.order) != reversed {
                throw ORMError(.invalidQuery, "orderBy must keep the clustering order or reverse it entirely",
                               table: schema.table, field: field)
            }
        }
        let restricted = schema.partitionKey.allSatisfy { field in
            restrictions.contains { !$0.isToken && $0.field == field && ($0.op == .eq || $0.op == .in) }
        }
        guard restricted else {
            throw ORMError(.invalidQuery, "orderBy needs every partition key field restricted by $eq or $in", table: schema.table)
        }
    }

    /// Checks that `restrictions` name exactly one row (or partition, when `partitionOnly`):
    /// the whole partition key by `$eq`/`$in`, then clustering columns by `$eq`/`$in`.
    func validateKeyLookup(_ restrictions: [Restriction], partitionOnly: Bool, allowClusteringRange: Bool = false) throws(ORMError) {
        try validateOperators(restrictions)
        for restriction in restrictions {
            let column = try column(restriction.field)
            guard column.kind == .partitionKey || column.kind == .clustering, !restriction.isToken else {
                throw ORMError(.invalidQuery, "writes select rows by primary key only; '\(restriction.field)' is not a key field (use conditions for IF)",
                               table: schema.table, field: restriction.field)
            }
            let allowed: Bool = restriction.op == .eq || restriction.op == .in
                || (allowClusteringRange && column.kind == .clustering && restriction.op.isRange)
            guard allowed else {
                throw ORMError(.invalidQuery, "\(restriction.op.rawValue) cannot select rows to write; use $eq or $in on '\(restriction.field)'",
                               table: schema.table, field: restriction.field)
            }
        }
        let required = partitionOnly ? schema.partitionKey : schema.primaryKey
        for field in required where !restrictions.contains(where: { $0.field == field }) {
            throw ORMError(.missingPrimaryKey, "the query must restrict primary key field '\(field)'", table: schema.table, field: field)
        }
    }
}
