import CassandraDriver

/// Writes of several models collected for one logged batch (atomic: all or none apply).
///
/// ```swift
/// try await client.batch { batch in
///     try await batch.save(Order, ["id": orderID, "user_id": userID])
///     try await batch.update(User, where: ["id": userID], set: ["orders": ["$add": [orderID]]])
/// }
/// ```
///
/// `before` hooks run while the batch is built, `after` hooks once it was applied. Writes
/// that touch unique fields cannot join a batch (their lookups need lightweight transactions
/// on other partitions).
public struct ORMBatch: Sendable {
    struct Entry: Sendable {
        /// An ORM write, bound when the batch runs, or a statement bound by the caller.
        enum Write: Sendable {
            case model(Model, BuiltStatement)
            case bound(BoundStatement, table: String)
        }

        var write: Write
        var after: (@Sendable () async throws -> Void)?

        init(model: Model, statement: BuiltStatement, after: (@Sendable () async throws -> Void)?) {
            self.write = .model(model, statement)
            self.after = after
        }

        init(bound: BoundStatement, table: String) {
            self.write = .bound(bound, table: table)
        }

        /// The table written, for error messages.
        var table: String {
            switch write {
            case .model(let model, _): model.table
            case .bound(_, let table): table
            }
        }

        /// Whether the write has a condition (only ORM writes can have one).
        var isConditional: Bool {
            if case .model(_, let statement) = write { return statement.isConditional }
            return false
        }

        /// The statement to send.
        func bound() async throws(ORMError) -> BoundStatement {
            switch write {
            case .model(let model, let statement): try await model.bind(statement)
            case .bound(let statement, _): statement
            }
        }
    }

    var entries: [Entry] = []

    /// Adds an insert; see ``Model/save(_:options:)``.
    /// - Parameters:
    ///   - model: the model.
    ///   - values: field values.
    ///   - options: `ttl` and `timestamp` (`ifNotExists` makes the batch conditional).
    /// - Returns: the values the insert writes: defaults, timestamps and versions set, the
    ///   `beforeSave` hook run.
    /// - Throws: ``ORMError``; ``ORMError/Code/unsupported`` for models with unique fields.
    @discardableResult
    public mutating func save(_ model: Model, _ values: [String: ORMValue], options: SaveOptions = .init()) async throws
        -> [String: ORMValue] {
        try refuseUnique(model, fields: model.schema.uniqueFields.filter { values[$0] != nil })
        let values = try await model.prepareSave(values)
        var after: (@Sendable () async throws -> Void)?
        if let hook = model.schema.hooks.afterSave { after = { try await hook(values) } }
        entries.append(Entry(model: model, statement: try model.builder.insert(values, options: options), after: after))
        return values
    }

    /// Adds an update; see ``Model/update(where:set:options:)``.
    /// - Parameters:
    ///   - model: the model.
    ///   - query: the primary key.
    ///   - assignments: values or collection operators.
    ///   - options: conditions, `ttl`, `timestamp`.
    /// - Returns: the key query and the assignments the update writes: timestamps and
    ///   versions set, the `beforeUpdate` hook run.
    /// - Throws: ``ORMError``.
    @discardableResult
    public mutating func update(_ model: Model, where query: [String: ORMValue], set assignments: [String: ORMValue],
                                options: UpdateOptions = .init()) async throws
        -> (where: [String: ORMValue], set: [String: ORMValue]) {
        try refuseUnique(model, fields: model.schema.uniqueFields.filter { assignments[$0] != nil })
        let (query, assignments) = try await model.prepareUpdate(query, assignments)
        var after: (@Sendable () async throws -> Void)?
        if let hook = model.schema.hooks.afterUpdate { after = { try await hook(query, assignments) } }
        entries.append(Entry(model: model, statement: try model.builder.update(where: query, set: assignments, options: options),
                             after: after))
        return (query, assignments)
    }

    /// Adds a delete; see ``Model/delete(where:options:)``.
    /// - Parameters:
    ///   - model: the model.
    ///   - query: the key.
    ///   - options: conditions, `timestamp`.
    /// - Returns: the key query the delete uses, after the `beforeDelete` hook.
    /// - Throws: ``ORMError``; ``ORMError/Code/unsupported`` for models with unique fields.
    @discardableResult
    public mutating func delete(_ model: Model, where query: [String: ORMValue], options: UpdateOptions = .init()) async throws
        -> [String: ORMValue] {
        try refuseUnique(model, fields: model.schema.uniqueFields)
        var query = query
        if let before = model.schema.hooks.beforeDelete {
            try await ModelHooks.run("beforeDelete", table: model.table) { try await before(&query) }
        }
        let finalQuery = query
        var after: (@Sendable () async throws -> Void)?
        if let hook = model.schema.hooks.afterDelete { after = { try await hook(finalQuery) } }
        entries.append(Entry(model: model, statement: try model.builder.delete(where: query, options: options), after: after))
        return finalQuery
    }

    /// Adds a statement bound outside the ORM, such as a row of an outbox or change-log
    /// table that must be written atomically with the model writes.
    ///
    /// The statement must not be conditional (`IF …`): a logged batch that spans tables or
    /// partitions cannot carry conditions, and the batch's `applied` flag only reflects the
    /// conditions of ORM writes.
    /// - Parameters:
    ///   - statement: the bound statement.
    ///   - table: the table it writes, named in errors.
    public mutating func add(_ statement: BoundStatement, table: String) {
        entries.append(Entry(bound: statement, table: table))
    }

    private func refuseUnique(_ model: Model, fields: [String]) throws(ORMError) {
        guard let field = fields.first else { return }
        throw ORMError(.unsupported, "writes to unique field '\(field)' cannot join a batch; write them with save/update/delete",
                       table: model.table, field: field)
    }
}

extension CassandraClient {
    /// Builds a batch with `body` and runs it as one logged batch.
    /// - Parameters:
    ///   - options: consistency, serial consistency and timestamp of the batch.
    ///   - body: adds writes to the batch.
    /// - Returns: whether it was applied (`false` only when a conditional batch's condition failed).
    /// - Throws: ``ORMError``.
    @discardableResult
    public func batch(options: Statement.Options = .init(), _ body: (inout ORMBatch) async throws -> Void) async throws -> WriteResult {
        var batch = ORMBatch()
        try await body(&batch)
        guard !batch.entries.isEmpty else { return WriteResult(applied: true) }
        var statement = BatchStatement(type: .logged, options: options)
        for entry in batch.entries { statement.add(try await entry.bound()) }
        let result: ResultSet
        do { result = try await driver.batch(statement) } catch { throw ORMError.wrap(error, statement: "BATCH") }
        let applied = batch.entries.contains { $0.isConditional } ? result.wasApplied : true
        if applied {
            for entry in batch.entries {
                if let after = entry.after { try await ModelHooks.run("after hook", table: entry.table) { try await after() } }
            }
        }
        return WriteResult(applied: applied)
    }
}
