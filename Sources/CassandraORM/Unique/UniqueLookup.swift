/// The lookup table that makes one field unique: its value is the partition key, the
/// owning row's primary key the other columns. Values are claimed with
/// `INSERT … IF NOT EXISTS` and released with `DELETE … IF <owner>`, so that a value has
/// at most one owner however many clients race for it.
struct UniqueLookup: Sendable {
    /// The value column of every lookup table.
    static let valueColumn = "__value"

    let field: String
    let schema: ResolvedSchema
    let ownerKey: [String]
    let builder: QueryBuilder

    /// The lookup table's name: `<table>_by_<field>`.
    static func tableName(owner: String, field: String) -> String { "\(owner)_by_\(field)" }

    /// The lookup schemas of every unique field of `owner`.
    static func schemas(for owner: ResolvedSchema) throws(ORMError) -> [ResolvedSchema] {
        try owner.uniqueFields.map { field throws(ORMError) in try schema(owner: owner, field: field) }
    }

    static func schema(owner: ResolvedSchema, field: String) throws(ORMError) -> ResolvedSchema {
        let type = owner.columns[field]!.type
        let keyType = type.isMultiCellCollection ? FieldType.frozen(type) : type
        var fields: [String: FieldDefinition] = [valueColumn: FieldDefinition(type: keyType.description)]
        for name in owner.primaryKey { fields[name] = FieldDefinition(type: owner.columns[name]!.type.description) }
        return try ResolvedSchema(ModelSchema(tableName(owner: owner.table, field: field), fields: fields, key: [.column(valueColumn)]))
    }

    init(owner: ResolvedSchema, field: String, keyspace: String) throws(ORMError) {
        self.field = field
        schema = try Self.schema(owner: owner, field: field)
        ownerKey = owner.primaryKey
        builder = QueryBuilder(schema: schema, keyspace: keyspace)
    }

    /// Claims `value` for the row `owner`.
    /// - Returns: `true` when newly claimed, `false` when `owner` already held it.
    /// - Throws: ``ORMError/Code/uniqueViolation`` when another row holds it.
    func claim(_ value: ORMValue, owner: [ORMValue], model: Model) async throws(ORMError) -> Bool {
        var values: [String: ORMValue] = [Self.valueColumn: value]
        for (name, key) in zip(ownerKey, owner) { values[name] = key }
        let statement = try builder.insert(values, options: .init(ifNotExists: true))
        let result = try await model.execute(statement, options: .init())
        if result.wasApplied { return true }
        guard let row = result.first else { throw ORMError.uniqueViolation(field, value, table: model.table) }
        let existing = try Record(row: row, raw: false)
        if zip(ownerKey, owner).allSatisfy({ existing[$0.0] == Self.normalized($0.1, model: model, field: $0.0) }) { return false }
        throw ORMError.uniqueViolation(field, value, table: model.table)
    }

    /// Releases `value` if `owner` holds it.
    func release(_ value: ORMValue, owner: [ORMValue], model: Model) async throws(ORMError) {
        let conditions = Dictionary(uniqueKeysWithValues: zip(ownerKey, owner).map { ($0.0, $0.1) })
        let statement = try builder.delete(where: [Self.valueColumn: value], options: .init(conditions: conditions))
        _ = try await model.execute(statement, options: .init())
    }

    /// `value` as it reads back from the database, to compare owners.
    static func normalized(_ value: ORMValue, model: Model, field: String) -> ORMValue {
        guard let type = model.columnTypes[field], let cql = try? value.cqlValue(as: type) else { return value }
        return ORMValue(cql: cql)
    }
}

extension Model {
    /// Runs `write` with the unique values in `changes` claimed for the row `key`:
    /// claims each new value (compensating on a violation), runs the write, releases the
    /// new claims if the write fails or is not applied, and releases replaced values after
    /// it succeeded.
    func withUniqueValues(key: [ORMValue], changes: [(String, ORMValue)], rowMayExist: Bool,
                          _ write: () async throws(ORMError) -> WriteResult) async throws(ORMError) -> WriteResult {
        // A write that sets no unique field claims and releases nothing.
        guard !changes.isEmpty else { return try await write() }
        var previous: Record?
        if rowMayExist {
            let lookup = Dictionary(uniqueKeysWithValues: zip(schema.primaryKey, key).map { ($0.0, $0.1) })
            do {
                previous = try await findPage(lookup, options: .init(select: changes.map(\.0), limit: 1)).records.first
            } catch {
                throw ORMError.wrap(error, table: table)
            }
        }
        var claimed: [(UniqueLookup, ORMValue)] = []
        func compensate() async {
            for (lookup, value) in claimed { try? await lookup.release(value, owner: key, model: self) }
        }
        for (field, value) in changes where value != .null {
            let lookup = lookups[field]!
            if let previous, previous[field] == UniqueLookup.normalized(value, model: self, field: field) { continue }
            do {
                if try await lookup.claim(value, owner: key, model: self) { claimed.append((lookup, value)) }
            } catch {
                await compensate()
                throw error
            }
        }
        let result: WriteResult
        do {
            result = try await write()
        } catch {
            await compensate()
            throw error
        }
        guard result.applied else {
            await compensate()
            return result
        }
        if let previous {
            for (field, value) in changes {
                let old = previous[field]
                guard old != .null, old != UniqueLookup.normalized(value, model: self, field: field) else { continue }
                try await lookups[field]!.release(old, owner: key, model: self)
            }
        }
        return result
    }
}
