import CassandraDriver
import CQLProtocol

// The statements behind saves and reads, cached by shape in ``Model/statements``: the
// first call of a shape builds, validates and prepares the CQL text as ``QueryBuilder``
// does; later calls only compute and convert the values.
extension Model {
    /// The prepared INSERT writing the columns at `positions` (ascending positions in
    /// ``columns``).
    func insertStatement(_ positions: [Int], options: SaveOptions) async throws(ORMError) -> PreparedStatement {
        let session = try client.driver
        let key = StatementCache.Key.insert(columns: positions, ifNotExists: options.ifNotExists, ttl: options.ttl != nil,
                                            timestamp: options.timestamp != nil)
        if let prepared = statements.statement(for: key, session: session) { return prepared }
        let cql = builder.insertText(positions.map { columns.names[$0] }, options: options)
        let prepared = try await prepare(cql, session: session)
        statements.store(prepared, for: key, session: session)
        return prepared
    }

    /// The INSERT of `values`, checked as ``QueryBuilder/insert(_:options:)`` checks it.
    /// - Throws: ``ORMError/Code/unknownField``, ``ORMError/Code/missingPrimaryKey``,
    ///   ``ORMError/Code/invalidValue``.
    func insertStatement(_ values: [String: ORMValue], options: SaveOptions) async throws(ORMError) -> BoundStatement {
        for field in values.keys where schema.columns[field] == nil {
            throw ORMError(.unknownField, "the schema has no field '\(field)'", table: table, field: field)
        }
        for field in schema.primaryKey where values[field] == nil || values[field] == .null {
            throw ORMError(.missingPrimaryKey, "save needs primary key field '\(field)'", table: table, field: field)
        }
        var positions: [Int] = []
        positions.reserveCapacity(values.count)
        for (position, name) in columns.names.enumerated() where values[name] != nil { positions.append(position) }
        let prepared = try await insertStatement(positions, options: options)
        try checkMarkers(prepared, count: positions.count + options.usingCount)
        var serialized = RequestMessage.SerializedValues(capacity: 16 * prepared.variables.count)
        for (index, position) in positions.enumerated() {
            let name = columns.names[position]
            try append(values[name]!, as: prepared.variables[index].type, field: name, statement: prepared.cql, to: &serialized)
        }
        return try appendingUsing(serialized, to: prepared, options: options)
    }

    /// The INSERT of values already serialized, one per column position (`nil`: not written).
    /// - Throws: ``ORMError/Code/missingPrimaryKey``.
    func insertStatement(serialized slots: [CQLRawValue?], options: SaveOptions) async throws(ORMError) -> BoundStatement {
        for position in 0..<columns.keyCount {
            guard let slot = slots[position], case .bytes = slot else {
                let field = columns.names[position]
                throw ORMError(.missingPrimaryKey, "save needs primary key field '\(field)'", table: table, field: field)
            }
        }
        var positions: [Int] = []
        positions.reserveCapacity(slots.count)
        var size = 16 * options.usingCount
        for (position, slot) in slots.enumerated() {
            guard let slot else { continue }
            positions.append(position)
            size += 4 + (slot.bytes?.count ?? 0)
        }
        let prepared = try await insertStatement(positions, options: options)
        try checkMarkers(prepared, count: positions.count + options.usingCount)
        var serialized = RequestMessage.SerializedValues(capacity: size)
        for case let slot? in slots { serialized.append(slot) }
        return try appendingUsing(serialized, to: prepared, options: options)
    }

    /// `values` plus the values of `USING TTL ? AND TIMESTAMP ?`, bound to `prepared`.
    private func appendingUsing(_ values: RequestMessage.SerializedValues, to prepared: PreparedStatement, options: SaveOptions)
        throws(ORMError) -> BoundStatement {
        var values = values
        for bind in QueryBuilder.usingBinds(ttl: options.ttl, timestamp: options.timestamp) {
            try append(bind.value, as: prepared.variables[values.count].type, field: bind.field, statement: prepared.cql, to: &values)
        }
        return BoundStatement(prepared: prepared, serializedValues: values)
    }

    /// The bound read of `query`: from the statement cache, or built, validated and
    /// prepared. Always inlined, so that a cache hit, every call of a shape but the first,
    /// costs no async frame.
    /// - Parameters:
    ///   - query: as ``find(_:options:)``.
    ///   - options: as ``find(_:options:)``.
    ///   - firstRow: read one row (`findOne`'s `LIMIT 1`) rather than ``FindOptions/limit``;
    ///     a flag rather than a changed copy of `options`, which would cost every call.
    ///   - isCount: `SELECT COUNT(*)` rather than `SELECT`.
    ///   - session: the client's session, `nil` when it is not connected.
    /// - Throws: the errors of ``QueryBuilder/select(_:options:)`` and of preparing.
    @inline(__always)
    func readStatement(_ query: [String: ORMValue], options: FindOptions, firstRow: Bool = false, isCount: Bool = false,
                       session: Session?) async throws(ORMError) -> BoundStatement {
        let limit = firstRow ? 1 : options.limit
        if let session, let shape = EqualityShape(query, options: options, limit: limit, isCount: isCount, layout: columns) {
            if let prepared = statements.statement(for: .equality(shape), session: session) {
                return try bindEquality(query, shape, limit: limit, to: prepared)
            }
        } else if let session, let bound = try cachedReadStatement(query, options: options.limited(to: limit), isCount: isCount,
                                                                   session: session) {
            return bound
        }
        return try await prepareReadStatement(query, options: options.limited(to: limit), isCount: isCount)
    }

    /// The bound read of `query`, not an ``EqualityShape``, when its shape was prepared on
    /// `session` before, else `nil`.
    /// - Throws: ``ORMError`` for values that do not fit (or that the shape cannot check).
    private func cachedReadStatement(_ query: [String: ORMValue], options: FindOptions, isCount: Bool, session: Session)
        throws(ORMError) -> BoundStatement? {
        let builder = self.builder
        let ordered = builder.ordered(try QueryParser.restrictions(query, table: table))
        let key = StatementCache.Key.read(ReadShape(ordered, options: options, isCount: isCount))
        guard let prepared = statements.statement(for: key, session: session) else { return nil }
        return try bind(try builder.readBinds(ordered, options: options), to: prepared)
    }

    /// Builds, validates and prepares the read of `query`, and caches it by shape.
    /// - Throws: the errors of ``QueryBuilder/select(_:options:)`` (before
    ///   ``ORMError/Code/notConnected``) and of preparing.
    private func prepareReadStatement(_ query: [String: ORMValue], options: FindOptions, isCount: Bool) async throws(ORMError)
        -> BoundStatement {
        let builder = self.builder
        let statement = isCount ? try builder.count(query, options: options) : try builder.select(query, options: options)
        let key: StatementCache.Key
        if let shape = EqualityShape(query, options: options, limit: options.limit, isCount: isCount, layout: columns) {
            key = .equality(shape)
        } else {
            let ordered = builder.ordered(try QueryParser.restrictions(query, table: table))
            key = .read(ReadShape(ordered, options: options, isCount: isCount))
        }
        let session = try client.driver
        let prepared = try await prepare(statement.cql, session: session)
        let bound = try bind(statement.binds, to: prepared)
        statements.store(prepared, for: key, session: session)
        return bound
    }

    /// Binds the values of `query`, of shape `shape`, to `prepared`, the statement built
    /// before for that shape: what ``QueryBuilder/readBinds(_:options:)`` would bind, without
    /// parsing the query object.
    /// - Throws: ``ORMError/Code/invalidQuery`` for a non-positive limit (the one check of
    ///   ``QueryValidator/validateRead(_:options:)`` that depends on values rather than on the
    ///   shape), and ``ORMError/Code/invalidValue``.
    private func bindEquality(_ query: [String: ORMValue], _ shape: EqualityShape, limit: Int?, to prepared: PreparedStatement)
        throws(ORMError) -> BoundStatement {
        if let limit, limit <= 0 { throw QueryValidator.nonPositiveLimit(table: table) }
        try checkMarkers(prepared, count: query.count + (shape.limit == .bound ? 1 : 0))
        let variables = prepared.variables
        var values = RequestMessage.SerializedValues(capacity: 16 * variables.count)
        var remaining = shape.columns
        while remaining != 0 {
            let field = columns.names[remaining.trailingZeroBitCount]
            remaining &= remaining - 1
            // One field, the usual key lookup, needs no second hash of its name.
            let value = query.count == 1 ? query.first!.value : query[field]!
            try append(value, as: variables[values.count].type, field: field, statement: prepared.cql, to: &values)
        }
        if shape.limit == .bound, let limit {
            try append(.int(Int64(limit)), as: variables[values.count].type, field: "[limit]", statement: prepared.cql, to: &values)
        }
        return BoundStatement(prepared: prepared, serializedValues: values)
    }

    private func prepare(_ cql: String, session: Session) async throws(ORMError) -> PreparedStatement {
        do {
            return try await session.prepare(cql)
        } catch {
            throw ORMError.wrap(error, statement: cql, table: table)
        }
    }

    /// Checks that `prepared` has `count` markers.
    func checkMarkers(_ prepared: PreparedStatement, count: Int) throws(ORMError) {
        guard prepared.variables.count == count else {
            throw ORMError(.invalidQuery, "the statement has \(prepared.variables.count) markers for \(count) values",
                           table: table, statement: prepared.cql)
        }
    }
}

extension FindOptions {
    /// These options with `limit`, or themselves when that is their limit already.
    func limited(to limit: Int?) -> FindOptions {
        guard limit != self.limit else { return self }
        var options = self
        options.limit = limit
        return options
    }
}

extension SaveOptions {
    /// The number of `USING` markers: one each for `ttl` and `timestamp`.
    var usingCount: Int { (ttl == nil ? 0 : 1) + (timestamp == nil ? 0 : 1) }
}
