extension QueryBuilder {
    /// `INSERT INTO … (…) VALUES (…) [IF NOT EXISTS] [USING TTL ? AND TIMESTAMP ?]`, with
    /// columns in schema order. NULL values are bound (they delete the cell).
    /// - Throws: ``ORMError/Code/unknownField`` and ``ORMError/Code/missingPrimaryKey``.
    func insert(_ values: [String: ORMValue], options: SaveOptions) throws(ORMError) -> BuiltStatement {
        for field in values.keys where schema.columns[field] == nil {
            throw ORMError(.unknownField, "the schema has no field '\(field)'", table: schema.table, field: field)
        }
        for field in schema.primaryKey where values[field] == nil || values[field] == .null {
            throw ORMError(.missingPrimaryKey, "save needs primary key field '\(field)'", table: schema.table, field: field)
        }
        let fields = schema.orderedColumns.filter { values[$0] != nil }
        let binds = fields.map { BuiltStatement.Bind(value: values[$0]!, field: $0) }
            + Self.usingBinds(ttl: options.ttl, timestamp: options.timestamp)
        let cql = insertText(fields, options: options)
        return BuiltStatement(cql: cql, binds: binds, isConditional: options.ifNotExists)
    }

    /// The text of ``insert(_:options:)`` for `fields`: it depends on the options only
    /// through `ifNotExists` and whether `ttl` and `timestamp` are set.
    func insertText(_ fields: [String], options: SaveOptions) -> String {
        var cql = "INSERT INTO \(tableName) (\(fields.map(Identifier.quote).joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: fields.count).joined(separator: ", ") + ")"
        if options.ifNotExists { cql += " IF NOT EXISTS" }
        return cql + usingClause(ttl: options.ttl != nil, timestamp: options.timestamp != nil)
    }

    /// `UPDATE … [USING …] SET … WHERE <primary key> [IF EXISTS | IF …]`.
    ///
    /// Assignments are values, or objects with one collection operator: `$add` (set/map
    /// `+`), `$remove` (set/map/list `-`), `$append` (list `+`), `$prepend` (list, before),
    /// `$incr`/`$decr` (counters).
    /// - Throws: ``ORMError`` for unknown fields, key fields in `set`, bad operators or a
    ///   WHERE that does not name rows by primary key.
    func update(where query: [String: ORMValue], set assignments: [String: ORMValue], options: UpdateOptions) throws(ORMError) -> BuiltStatement {
        guard !assignments.isEmpty else { throw ORMError(.invalidQuery, "update has nothing to set", table: schema.table) }
        let restrictions = try QueryParser.restrictions(query, table: schema.table)
        let onlyStatic = assignments.keys.allSatisfy { schema.columns[$0]?.kind == .static }
        try QueryValidator(schema: schema).validateKeyLookup(restrictions, partitionOnly: onlyStatic)
        var binds: [BuiltStatement.Bind] = []
        var cql = "UPDATE \(tableName)" + using(ttl: options.ttl, timestamp: options.timestamp, binds: &binds) + " SET "
        var parts: [String] = []
        for field in assignments.keys.sorted() {
            let column = try QueryValidator(schema: schema).column(field)
            guard column.kind == .regular || column.kind == .static else {
                throw ORMError(.invalidQuery, "primary key field '\(field)' cannot be updated; delete and save the row instead",
                               table: schema.table, field: field)
            }
            parts.append(try assignment(column, assignments[field]!, binds: &binds))
        }
        cql += parts.joined(separator: ", ")
        cql += " WHERE " + (try whereClause(restrictions, binds: &binds))
        let conditional = try condition(options, binds: &binds)
        cql += conditional
        return BuiltStatement(cql: cql, binds: binds, isConditional: !conditional.isEmpty)
    }

    /// `DELETE FROM … [USING TIMESTAMP ?] WHERE <key> [IF EXISTS | IF …]`; the WHERE may
    /// name a partition, a row, or a clustering range.
    /// - Throws: ``ORMError`` when the WHERE does not restrict the partition key.
    func delete(where query: [String: ORMValue], options: UpdateOptions) throws(ORMError) -> BuiltStatement {
        let restrictions = try QueryParser.restrictions(query, table: schema.table)
        try QueryValidator(schema: schema).validateKeyLookup(restrictions, partitionOnly: true, allowClusteringRange: true)
        var binds: [BuiltStatement.Bind] = []
        var cql = "DELETE FROM \(tableName)" + using(ttl: nil, timestamp: options.timestamp, binds: &binds)
        cql += " WHERE " + (try whereClause(restrictions, binds: &binds))
        let conditional = try condition(options, binds: &binds)
        cql += conditional
        return BuiltStatement(cql: cql, binds: binds, isConditional: !conditional.isEmpty)
    }

    private func using(ttl: Int?, timestamp: Int64?, binds: inout [BuiltStatement.Bind]) -> String {
        binds += Self.usingBinds(ttl: ttl, timestamp: timestamp)
        return usingClause(ttl: ttl != nil, timestamp: timestamp != nil)
    }

    /// ` USING TTL ? AND TIMESTAMP ?`, either part, or nothing.
    private func usingClause(ttl: Bool, timestamp: Bool) -> String {
        switch (ttl, timestamp) {
        case (true, true): " USING TTL ? AND TIMESTAMP ?"
        case (true, false): " USING TTL ?"
        case (false, true): " USING TIMESTAMP ?"
        case (false, false): ""
        }
    }

    /// The values of ``usingClause(ttl:timestamp:)``'s markers.
    static func usingBinds(ttl: Int?, timestamp: Int64?) -> [BuiltStatement.Bind] {
        var binds: [BuiltStatement.Bind] = []
        if let ttl { binds.append(.init(value: .int(Int64(ttl)), field: "[ttl]")) }
        if let timestamp { binds.append(.init(value: .int(timestamp), field: "[timestamp]")) }
        return binds
    }

    private func assignment(_ column: ResolvedSchema.Column, _ value: ORMValue, binds: inout [BuiltStatement.Bind]) throws(ORMError) -> String {
        let name = Identifier.quote(column.name)
        guard case .map(let object) = value, object.count == 1, let (op, operand) = object.first, op.hasPrefix("$") else {
            if column.type.isCounter {
                throw ORMError(.invalidQuery, "counter '\(column.name)' can only change with $incr or $decr", table: schema.table, field: column.name)
            }
            binds.append(.init(value: value, field: column.name))
            return "\(name) = ?"
        }
        binds.append(.init(value: operand, field: column.name))
        let type = column.type
        func require(_ valid: Bool, _ what: String) throws(ORMError) {
            guard valid else {
                throw ORMError(.invalidQuery, "\(op) needs \(what); '\(column.name)' is \(type)", table: schema.table, field: column.name)
            }
        }
        switch op {
        case "$add":
            if case .set = type {} else if case .map = type {} else { try require(false, "a set or map field") }
            return "\(name) = \(name) + ?"
        case "$remove":
            try require(type.isMultiCellCollection, "a collection field")
            return "\(name) = \(name) - ?"
        case "$append":
            if case .list = type {} else { try require(false, "a list field") }
            return "\(name) = \(name) + ?"
        case "$prepend":
            if case .list = type {} else { try require(false, "a list field") }
            return "\(name) = ? + \(name)"
        case "$incr", "$decr":
            try require(type.isCounter, "a counter field")
            return "\(name) = \(name) \(op == "$incr" ? "+" : "-") ?"
        default:
            throw ORMError(.invalidQuery, "unknown update operator '\(op)'; use $add, $remove, $append, $prepend, $incr or $decr",
                           table: schema.table, field: column.name)
        }
    }

    private func condition(_ options: UpdateOptions, binds: inout [BuiltStatement.Bind]) throws(ORMError) -> String {
        if options.ifExists {
            guard options.conditions.isEmpty else {
                throw ORMError(.invalidQuery, "use either ifExists or conditions, not both", table: schema.table)
            }
            return " IF EXISTS"
        }
        guard !options.conditions.isEmpty else { return "" }
        let restrictions = try QueryParser.restrictions(options.conditions, table: schema.table)
        var parts: [String] = []
        for restriction in restrictions {
            let column = try QueryValidator(schema: schema).column(restriction.field)
            guard column.kind == .regular || column.kind == .static, !restriction.isToken,
                  [.eq, .ne, .gt, .gte, .lt, .lte, .in].contains(restriction.op) else {
                throw ORMError(.invalidQuery, "conditions compare regular fields with $eq, $ne, $gt, $gte, $lt, $lte or $in",
                               table: schema.table, field: restriction.field)
            }
            binds.append(.init(value: restriction.value, field: restriction.field))
            parts.append("\(Identifier.quote(restriction.field)) \(restriction.op.cql) ?")
        }
        return " IF " + parts.joined(separator: " AND ")
    }
}
