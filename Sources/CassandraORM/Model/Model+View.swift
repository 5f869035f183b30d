extension Model {
    /// Reads through one materialized view of a model's table, with the model's read API
    /// (operators, options, paging) checked against the view's key instead of the table's,
    /// returning records of the fields the view selects. A view offers no writes: save,
    /// update and delete the model, and Cassandra keeps the view in step.
    ///
    /// ```swift
    /// let User = try await client.loadSchema("users",
    ///     fields: ["id": "uuid", "email": "text", "name": "text"], key: ["id"],
    ///     materializedViews: ["users_by_email": .init(key: ["email", "id"])])
    /// let found = try await User.view("users_by_email").find(["email": "a@b.c"])
    /// ```
    public struct View: Sendable {
        /// The view read as a table (no hooks, rules or unique fields).
        let model: Model

        /// The view name.
        public var name: String { model.table }
        /// The view's partition key fields, in order.
        public var partitionKey: [String] { model.partitionKey }
        /// The view's clustering fields, in order.
        public var clusteringKey: [String] { model.clusteringKey }

        /// Reads every row matching `query`; see ``Model/find(_:options:)``.
        /// - Parameters:
        ///   - query: field values or operator objects.
        ///   - options: projection, limits, ordering (by the view's clustering fields), filtering, paging.
        /// - Returns: the records.
        /// - Throws: ``ORMError``; queries Cassandra would reject on the view fail before anything is sent.
        public func find(_ query: [String: ORMValue] = [:], options: FindOptions = .init()) async throws -> [Record] {
            try await model.find(query, options: options)
        }

        /// Reads the first row matching `query`; see ``Model/findOne(_:options:)``.
        /// - Parameters:
        ///   - query: field values or operator objects.
        ///   - options: read options; the limit is 1.
        /// - Returns: the record, or `nil`.
        /// - Throws: ``ORMError``.
        public func findOne(_ query: [String: ORMValue], options: FindOptions = .init()) async throws -> Record? {
            try await model.findOne(query, options: options)
        }

        /// Reads one page; see ``Model/findPage(_:options:)``.
        /// - Parameters:
        ///   - query: field values or operator objects.
        ///   - options: read options, with ``FindOptions/pageSize`` and ``FindOptions/pagingState``.
        /// - Returns: the records and the paging state of the next page.
        /// - Throws: ``ORMError``.
        public func findPage(_ query: [String: ORMValue], options: FindOptions = .init()) async throws -> Page {
            try await model.findPage(query, options: options)
        }

        /// The rows matching `query`, one page in memory at a time; see ``Model/stream(_:options:)``.
        /// - Parameters:
        ///   - query: field values or operator objects.
        ///   - options: read options.
        /// - Returns: the records; errors surface on iteration.
        public func stream(_ query: [String: ORMValue], options: FindOptions = .init()) -> RecordSequence {
            model.stream(query, options: options)
        }

        /// Counts the rows matching `query`; see ``Model/count(_:options:)``.
        /// - Parameters:
        ///   - query: field values or operator objects.
        ///   - options: filtering and consistency.
        /// - Returns: the count.
        /// - Throws: ``ORMError``.
        public func count(_ query: [String: ORMValue] = [:], options: FindOptions = .init()) async throws -> Int {
            try await model.count(query, options: options)
        }
    }

    /// The materialized views the schema declares, by name.
    public var viewNames: [String] { views.keys.sorted() }

    /// The read API of the materialized view `name`.
    /// - Parameter name: a view the schema declares in ``ModelSchema/materializedViews``.
    /// - Returns: the view.
    /// - Throws: ``ORMError/Code/unknownView``.
    public func view(_ name: String) throws(ORMError) -> View {
        guard let view = views[name] else {
            let declared = viewNames.isEmpty ? "it declares none" : "it declares \(viewNames.map { "'\($0)'" }.joined(separator: ", "))"
            throw ORMError(.unknownView, "the schema of '\(table)' has no materialized view '\(name)'; \(declared)", table: table)
        }
        return View(model: view)
    }

    /// The models of `schema`'s views, read like tables.
    static func viewModels(of schema: ResolvedSchema, client: CassandraClient) async throws(ORMError) -> [String: Model] {
        var models: [String: Model] = [:]
        for view in schema.views { models[view.name] = try await Model(client: client, schema: view.schema) }
        return models
    }
}
