import CassandraDriver
import CQLProtocol

// The statements behind saves and reads, cached by shape in ``Model/statements``: the
// first call of a shape builds, validates and prepares the CQL text as ``QueryBuilder``
// does; later calls only compute and convert the values.
extension Model {
    /// The prepared INSERT writing the columns at `positions` (ascending positions in
    /// ``columns``).
    func insertEntry(_ positions: [Int], options: SaveOptions) async throws(ORMError) -> StatementCache.Entry {
        let session = try client.driver
        let key = StatementCache.Key.insert(columns: positions, ifNotExists: options.ifNotExists, ttl: options.ttl != nil,
                                            timestamp: options.timestamp != nil)
        if let entry = statements.entry(for: key, session: session) { return entry }
        let cql = builder.insertText(positions.map { columns.names[$0] }, options: options)
        let entry = try await prepareEntry(cql, session: session)
        statements.store(entry, for: key, session: session)
        return entry
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
        let entry = try await insertEntry(positions, options: options)
        let prepared = entry.prepared
        try checkMarkers(prepared, count: positions.count + options.usingCount)
        var raw: [CQLRawValue] = []
        raw.reserveCapacity(prepared.variables.count)
        for (index, position) in positions.enumerated() {
            let name = columns.names[position]
            raw.append(try rawValue(values[name]!, as: prepared.variables[index].type, field: name, statement: prepared.cql))
        }
        return try appendingUsing(raw, to: prepared, options: options)
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
        var raw: [CQLRawValue] = []
        positions.reserveCapacity(slots.count)
        raw.reserveCapacity(slots.count + options.usingCount)
        for (position, slot) in slots.enumerated() {
            guard let slot else { continue }
            positions.append(position)
            raw.append(slot)
        }
        let entry = try await insertEntry(positions, options: options)
        try checkMarkers(entry.prepared, count: positions.count + options.usingCount)
        return try appendingUsing(raw, to: entry.prepared, options: options)
    }

    /// `raw` plus the values of `USING TTL ? AND TIMESTAMP ?`, bound to `prepared`.
    private func appendingUsing(_ raw: [CQLRawValue], to prepared: PreparedStatement, options: SaveOptions) throws(ORMError)
        -> BoundStatement {
        var raw = raw
        var using: [BuiltStatement.Bind] = []
        builder.appendUsingBinds(ttl: options.ttl, timestamp: options.timestamp, to: &using)
        for bind in using {
            raw.append(try rawValue(bind.value, as: prepared.variables[raw.count].type, field: bind.field, statement: prepared.cql))
        }
        return BoundStatement(prepared: prepared, values: raw)
    }

    /// The bound read of `query`, and its cache entry (for the result's column positions).
    /// - Parameters:
    ///   - query: as ``find(_:options:)``.
    ///   - options: as ``find(_:options:)``.
    ///   - isCount: `SELECT COUNT(*)` rather than `SELECT`.
    /// - Throws: the errors of ``QueryBuilder/select(_:options:)`` and of preparing.
    func readStatement(_ query: [String: ORMValue], options: FindOptions, isCount: Bool = false) async throws(ORMError)
        -> (BoundStatement, StatementCache.Entry) {
        let builder = self.builder
        let ordered = builder.ordered(try QueryParser.restrictions(query, table: table))
        let key = StatementCache.Key.read(ReadShape(ordered, options: options, isCount: isCount))
        // Without a session, the slow path below reports invalid queries before `notConnected`.
        if let session = try? client.driver, let entry = statements.entry(for: key, session: session) {
            return (try bind(try builder.readBinds(ordered, options: options), to: entry.prepared), entry)
        }
        let statement = isCount ? try builder.count(query, options: options) : try builder.select(query, options: options)
        let session = try client.driver
        let entry = try await prepareEntry(statement.cql, session: session)
        let bound = try bind(statement.binds, to: entry.prepared)
        statements.store(entry, for: key, session: session)
        return (bound, entry)
    }

    private func prepareEntry(_ cql: String, session: Session) async throws(ORMError) -> StatementCache.Entry {
        do {
            return StatementCache.Entry(prepared: try await session.prepare(cql))
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

extension SaveOptions {
    /// The number of `USING` markers: one each for `ttl` and `timestamp`.
    var usingCount: Int { (ttl == nil ? 0 : 1) + (timestamp == nil ? 0 : 1) }
}
