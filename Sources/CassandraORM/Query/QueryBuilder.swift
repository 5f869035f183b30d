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

    var tableName: String {
        (keyspace.map { Identifier.quote($0) + "." } ?? "") + Identifier.quote(schema.table)
    }

    /// `SELECT … FROM … WHERE … [ORDER BY …] [PER PARTITION LIMIT ?] [LIMIT ?] [ALLOW FILTERING]`.
    /// - Throws: ``ORMError`` for unknown fields, invalid operators or ordering, and
    ///   ``ORMError/Code/filteringRequired`` when Cassandra would demand `ALLOW FILTERING`.
    func select(_ query: [String: ORMValue], options: FindOptions) throws(ORMError) -> BuiltStatement {
        let restrictions = try QueryParser.restrictions(query, table: schema.table)
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
        if let limit = options.limit {
            cql += " LIMIT ?"
            binds.append(.init(value: .int(Int64(limit)), field: "[limit]"))
        }
        if options.allowFiltering { cql += " ALLOW FILTERING" }
        return BuiltStatement(cql: cql, binds: binds)
    }

    /// The relations of a WHERE clause, joined by `AND`, appending their values to `binds`.
    func whereClause(_ restrictions: [Restriction], binds: inout [BuiltStatement.Bind]) throws(ORMError) -> String {
        try ordered(restrictions).map { restriction throws(ORMError) in
            if restriction.isToken {
                let key = schema.partitionKey
                let values: [ORMValue]
                if key.count == 1 {
                    values = [restriction.value]
                } else {
                    guard case .list(let list) = restriction.value, list.count == key.count else {
                        throw ORMError(.invalidQuery, "$token on a composite partition key takes a list of \(key.count) values",
                                       table: schema.table, field: restriction.field)
                    }
                    values = list
                }
                for (field, value) in zip(key, values) { binds.append(.init(value: value, field: field)) }
                let columns = key.map(Identifier.quote).joined(separator: ", ")
                let markers = Array(repeating: "?", count: key.count).joined(separator: ", ")
                return "token(\(columns)) \(restriction.op.cql) token(\(markers))"
            }
            binds.append(.init(value: restriction.value, field: restriction.field))
            return "\(Identifier.quote(restriction.field)) \(restriction.op.cql) ?"
        }.joined(separator: " AND ")
    }

    /// Restrictions in a stable order: partition key, clustering, then other fields by name.
    func ordered(_ restrictions: [Restriction]) -> [Restriction] {
        let rank = Dictionary(uniqueKeysWithValues: schema.primaryKey.enumerated().map { ($0.element, $0.offset) })
        return restrictions.enumerated().sorted { left, right in
            let (l, r) = (left.element, right.element)
            if l.isToken != r.isToken { return l.isToken }
            let (lr, rr) = (rank[l.field] ?? Int.max, rank[r.field] ?? Int.max)
            if lr != rr { return lr < rr }
            if l.field != r.field { return l.field < r.field }
            return left.offset < right.offset
        }.map(\.element)
    }
}
