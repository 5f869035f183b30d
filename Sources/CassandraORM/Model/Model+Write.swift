#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CassandraDriver
import CQLProtocol

extension Model {
    /// Inserts (or overwrites) a row: applies defaults, timestamps and versions, runs the
    /// hooks and rules, claims unique values, then `INSERT`s.
    ///
    /// ```swift
    /// try await Customer.save(["id": client.uuid(), "email": "a@b.c"], options: .init(ifNotExists: true, ttl: 3600))
    /// ```
    /// - Parameters:
    ///   - values: field values; every primary key field is required.
    ///   - options: `ifNotExists`, `ttl`, `timestamp`, consistency.
    /// - Returns: whether it was applied (`false` only when `ifNotExists` found a row).
    /// - Throws: ``ORMError``: ``ORMError/Code/uniqueViolation``, ``ORMError/Code/validationFailed``,
    ///   ``ORMError/Code/invalidValue``, ``ORMError/Code/missingPrimaryKey``, …
    @discardableResult
    public func save(_ values: [String: ORMValue], options: SaveOptions = .init()) async throws -> WriteResult {
        let values = try await prepareSave(values)
        let statement = try await insertStatement(values, options: options)
        let result: WriteResult
        if lookups.isEmpty {
            result = try await write(statement, isConditional: options.ifNotExists, consistency: options.consistency)
        } else {
            let key = schema.primaryKey.map { values[$0]! }
            let changes = schema.uniqueFields.compactMap { field in values[field].map { (field, $0) } }
            result = try await withUniqueValues(key: key, changes: changes, rowMayExist: !options.ifNotExists) { () async throws(ORMError) in
                try await write(statement, isConditional: options.ifNotExists, consistency: options.consistency)
            }
        }
        if result.applied, let after = schema.hooks.afterSave {
            try await ModelHooks.run("afterSave", table: table) { try await after(values) }
        }
        return result
    }

    /// Values ready to insert: fields checked, defaults, timestamps and version set, the
    /// `beforeSave` hook run, rules checked.
    func prepareSave(_ input: [String: ORMValue]) async throws(ORMError) -> [String: ORMValue] {
        var values = input
        for field in values.keys { _ = try column(field) }
        if savesPlainly { return values }
        for (field, definition) in schema.definitions where values[field] == nil {
            if let value = definition.default { values[field] = value.resolve() }
        }
        if let timestamps = schema.options.timestamps {
            let now = ORMValue.date(Date())
            if values[timestamps.createdAt] == nil || values[timestamps.createdAt] == .null { values[timestamps.createdAt] = now }
            values[timestamps.updatedAt] = now
        }
        if let versions = schema.options.versions { values[versions.key] = .uuid(UUID.timeBased()) }
        if let before = schema.hooks.beforeSave {
            try await ModelHooks.run("beforeSave", table: table) { try await before(&values) }
        }
        try checkRules(values)
        return values
    }

    func checkRules(_ values: [String: ORMValue]) throws(ORMError) {
        for (field, value) in values where value != .null {
            guard let rule = schema.definitions[field]?.rule else { continue }
            if case .map(let object) = value, object.keys.contains(where: { $0.hasPrefix("$") }) { continue }
            guard rule.validator(value) else {
                throw ORMError(.validationFailed, rule.message, table: table, field: field, value: value)
            }
        }
    }

    /// Updates the rows named by `where` (the full primary key; `$in` allowed).
    ///
    /// ```swift
    /// try await Customer.update(where: ["id": id], set: ["tags": ["$add": ["vip"]], "visits": ["$incr": 1]],
    ///                           options: .init(ifExists: true))
    /// ```
    /// - Parameters:
    ///   - query: the primary key (`$eq`/`$in`).
    ///   - assignments: values, or one of `$add $remove $append $prepend $incr $decr`.
    ///   - options: `ifExists` or conditions, `ttl`, `timestamp`, consistency.
    /// - Returns: whether it was applied (`false` only when a condition failed).
    /// - Throws: ``ORMError``.
    @discardableResult
    public func update(where query: [String: ORMValue], set assignments: [String: ORMValue],
                       options: UpdateOptions = .init()) async throws -> WriteResult {
        let (query, assignments) = try await prepareUpdate(query, assignments)
        let statement = try builder.update(where: query, set: assignments, options: options)
        let touched = schema.uniqueFields.filter { assignments[$0] != nil }
        let result: WriteResult
        if touched.isEmpty {
            result = try await write(statement, consistency: options.consistency)
        } else {
            let key = try singleRowKey(query)
            let changes = touched.map { ($0, assignments[$0]!) }
            result = try await withUniqueValues(key: key, changes: changes, rowMayExist: true) { () async throws(ORMError) in
                try await write(statement, consistency: options.consistency)
            }
        }
        if result.applied, let after = schema.hooks.afterUpdate {
            try await ModelHooks.run("afterUpdate", table: table) { try await after(query, assignments) }
        }
        return result
    }

    func prepareUpdate(_ query: [String: ORMValue], _ assignments: [String: ORMValue]) async throws(ORMError)
        -> ([String: ORMValue], [String: ORMValue]) {
        var (query, assignments) = (query, assignments)
        if let timestamps = schema.options.timestamps { assignments[timestamps.updatedAt] = .date(Date()) }
        if let versions = schema.options.versions { assignments[versions.key] = .uuid(UUID.timeBased()) }
        if let before = schema.hooks.beforeUpdate {
            try await ModelHooks.run("beforeUpdate", table: table) { try await before(&query, &assignments) }
        }
        try checkRules(assignments)
        return (query, assignments)
    }

    /// Deletes the rows named by `where`: a partition, a row, or a clustering range.
    /// Unique-field lookups of the deleted rows are released.
    /// - Parameters:
    ///   - query: the partition key (`$eq`/`$in`), optionally clustering restrictions.
    ///   - options: `ifExists` or conditions, `timestamp`, consistency.
    /// - Returns: whether it was applied.
    /// - Throws: ``ORMError``.
    @discardableResult
    public func delete(where query: [String: ORMValue], options: UpdateOptions = .init()) async throws -> WriteResult {
        var query = query
        if let before = schema.hooks.beforeDelete {
            try await ModelHooks.run("beforeDelete", table: table) { try await before(&query) }
        }
        let statement = try builder.delete(where: query, options: options)
        var owned: [Record] = []
        if !lookups.isEmpty {
            owned = try await find(query, options: .init(select: schema.primaryKey + schema.uniqueFields))
        }
        let result = try await write(statement, consistency: options.consistency)
        if result.applied {
            for record in owned {
                let key = schema.primaryKey.map { record[$0] }
                for (field, lookup) in lookups where record[field] != .null {
                    try await lookup.release(record[field], owner: key, model: self)
                }
            }
            if let after = schema.hooks.afterDelete {
                try await ModelHooks.run("afterDelete", table: table) { try await after(query) }
            }
        }
        return result
    }

    func write(_ statement: BuiltStatement, consistency: Consistency?) async throws(ORMError) -> WriteResult {
        try await write(try await bind(statement), isConditional: statement.isConditional, consistency: consistency)
    }

    /// Executes a bound write; only a conditional one can be not applied.
    func write(_ bound: BoundStatement, isConditional: Bool, consistency: Consistency?) async throws(ORMError) -> WriteResult {
        let result = try await execute(bound, options: .init(consistency: consistency))
        return WriteResult(applied: isConditional ? result.wasApplied : true)
    }

    /// The primary key values of a query that names exactly one row by `$eq`.
    func singleRowKey(_ query: [String: ORMValue]) throws(ORMError) -> [ORMValue] {
        let restrictions = try QueryParser.restrictions(query, table: table)
        return try schema.primaryKey.map { field throws(ORMError) in
            let matching = restrictions.filter { $0.field == field }
            guard matching.count == 1, matching[0].op == .eq else {
                throw ORMError(.unsupported, "changing a unique field needs the full primary key by $eq (one row at a time)",
                               table: table, field: field)
            }
            return matching[0].value
        }
    }
}
