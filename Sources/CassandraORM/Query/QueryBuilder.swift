/// A CQL statement built by the ORM: its text with `?` markers and the values to bind,
/// in marker order. Values never appear in ``cql``.
public struct BuiltStatement: Sendable, Hashable {
    /// One bound value and the field it belongs to (for error messages).
    public struct Bind: Sendable, Hashable {
        /// The value, converted to the marker's type at execution.
        public var value: ORMValue
        /// The field, or a pseudo-name such as `[limit]`.
        public var field: String
    }

    /// The CQL text.
    public var cql: String
    /// The values, one per marker.
    public var binds: [Bind]
    /// Whether the statement is a lightweight transaction (`IF …`).
    public var isConditional = false
}

/// Builds SELECT statements from query objects and options: pure, no IO.
///
/// Identifiers are validated and always double-quoted; every value becomes a `?` marker.
struct QueryBuilder {
    let schema: ResolvedSchema
    let keyspace: String?
    /// The quoted `"keyspace"."table"` (or `"table"` without a keyspace).
    let tableName: String

    init(schema: ResolvedSchema, keyspace: String?) {
        self.init(schema: schema, keyspace: keyspace,
                  tableName: (keyspace.map { Identifier.quote($0) + "." } ?? "") + Identifier.quote(schema.table))
    }

    /// A builder reusing a table name quoted before.
    init(schema: ResolvedSchema, keyspace: String?, tableName: String) {
        self.schema = schema
        self.keyspace = keyspace
        self.tableName = tableName
    }

    /// `SELECT … FROM … WHERE … [ORDER BY …] [PER PARTITION LIMIT ?] [LIMIT ?] [ALLOW FILTERING]`.
    /// - Throws: ``ORMError`` for unknown fields, invalid operators or ordering, and
    ///   ``ORMError/Code/filteringRequired`` when Cassandra would demand `ALLOW FILTERING`.
    func select(_ query: [String: ORMValue], options: FindOptions) throws(ORMError) -> BuiltStatement {
        try select(restrictions: try QueryParser.restrictions(query, table: schema.table), options: options)
    }

    /// ``select(_:options:)`` of restrictions already parsed, in any order.
    /// - Throws: as ``select(_:options:)``.
    func select(restrictions: [Restriction], options: FindOptions) throws(ORMError) -> BuiltStatement {
        try QueryValidator(schema: schema).validateRead(restrictions, options: options)
        var columns = "*"
        if let select = options.select {
            guard !select.isEmpty else { throw ORMError(.invalidQuery, "select lists no fields", table: schema.table) }
            columns = select.map(Identifier.quote).joined(separator: ", ")
        }
        return try readStatement("SELECT \(columns) FROM \(tableName)", restrictions, options: options)
    }

    /// `SELECT COUNT(*) FROM … WHERE …`.
    /// - Throws: as ``select(_:options:)``.
    func count(_ query: [String: ORMValue], options: FindOptions) throws(ORMError) -> BuiltStatement {
        let restrictions = try QueryParser.restrictions(query, table: schema.table)
        try QueryValidator(schema: schema).validateRead(restrictions, options: options)
        return try readStatement("SELECT COUNT(*) FROM \(tableName)", restrictions, options: options)
    }

    private func readStatement(_ head: String, _ restrictions: [Restriction], options: FindOptions) throws(ORMError) -> BuiltStatement {
        var cql = head
        var binds: [BuiltStatement.Bind] = []
        let clause = try whereClause(restrictions, binds: &binds)
        if !clause.isEmpty { cql += " WHERE " + clause }
        if !options.orderBy.isEmpty {
            cql += " ORDER BY " + options.orderBy.map { "\(Identifier.quote($0.key)) \($0.value.rawValue)" }.joined(separator: ", ")
        }
        if let perPartitionLimit = options.perPartitionLimit {
            cql += " PER PARTITION LIMIT ?"
            binds.append(.init(value: .int(Int64(perPartitionLimit)), field: "[per_partition_limit]"))
        }
        let limit = LimitClause(options.limit)
        cql += limit.cql
        if limit == .bound, let value = options.limit { binds.append(.init(value: .int(Int64(value)), field: "[limit]")) }
        if options.allowFiltering { cql += " ALLOW FILTERING" }
        return BuiltStatement(cql: cql, binds: binds)
    }

    /// The relations of a WHERE clause, joined by `AND`, appending their values to `binds`.
    func whereClause(_ restrictions: [Restriction], binds: inout [BuiltStatement.Bind]) throws(ORMError) -> String {
        try ordered(restrictions).map { restriction throws(ORMError) in
            try appendBinds(of: restriction, to: &binds)
            if restriction.isToken {
                let key = schema.partitionKey
                let columns = key.map(Identifier.quote).joined(separator: ", ")
                let markers = Array(repeating: "?", count: key.count).joined(separator: ", ")
                return "token(\(columns)) \(restriction.op.cql) token(\(markers))"
            }
            return "\(Identifier.quote(restriction.field)) \(restriction.op.cql) ?"
        }.joined(separator: " AND ")
    }

    /// Appends the values of one relation: one, or one per partition key field for `$token`.
    /// - Throws: ``ORMError/Code/invalidQuery`` for a `$token` list of the wrong length.
    func appendBinds(of restriction: Restriction, to binds: inout [BuiltStatement.Bind]) throws(ORMError) {
        guard restriction.isToken else {
            binds.append(.init(value: restriction.value, field: restriction.field))
            return
        }
        let key = schema.partitionKey
        guard key.count > 1 else {
            binds.append(.init(value: restriction.value, field: key[0]))
            return
        }
        guard case .list(let list) = restriction.value, list.count == key.count else {
            throw ORMError(.invalidQuery, "$token on a composite partition key takes a list of \(key.count) values",
                           table: schema.table, field: restriction.field)
        }
        for (field, value) in zip(key, list) { binds.append(.init(value: value, field: field)) }
    }

    /// The values of a read built before from restrictions of the same shape, already
    /// ``ordered(_:)``: what ``select(_:options:)`` would bind, without building its text.
    /// - Throws: ``ORMError/Code/invalidQuery`` for non-positive limits or a `$token` list
    ///   of the wrong length (the checks that depend on values rather than on the shape).
    func readBinds(_ ordered: [Restriction], options: FindOptions) throws(ORMError) -> [BuiltStatement.Bind] {
        try QueryValidator(schema: schema).validateLimits(options)
        var binds: [BuiltStatement.Bind] = []
        binds.reserveCapacity(ordered.count + 2)
        for restriction in ordered { try appendBinds(of: restriction, to: &binds) }
        if let perPartitionLimit = options.perPartitionLimit {
            binds.append(.init(value: .int(Int64(perPartitionLimit)), field: "[per_partition_limit]"))
        }
        if LimitClause(options.limit) == .bound, let limit = options.limit {
            binds.append(.init(value: .int(Int64(limit)), field: "[limit]"))
        }
        return binds
    }

    /// Restrictions in a stable order: partition key, clustering, then other fields by name.
    func ordered(_ restrictions: [Restriction]) -> [Restriction] {
        guard restrictions.count > 1 else { return restrictions }
        return orderedIndices(restrictions).map { restrictions[$0] }
    }

    /// The positions in `restrictions` of ``ordered(_:)``'s restrictions, in its order: the
    /// order of a read's markers.
    func orderedIndices(_ restrictions: [Restriction]) -> [Int] {
        let rank = schema.keyRank
        return restrictions.indices.sorted { left, right in
            let (l, r) = (restrictions[left], restrictions[right])
            if l.isToken != r.isToken { return l.isToken }
            let (lr, rr) = (rank[l.field] ?? Int.max, rank[r.field] ?? Int.max)
            if lr != rr { return lr < rr }
            if l.field != r.field { return l.field < r.field }
            return left < right
        }
    }
}
