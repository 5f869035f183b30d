extension TypedModel {
    /// Reads typed values through one materialized view of the model's table; see
    /// ``Model/View``. Values decode from the fields the view selects, so properties of
    /// fields it leaves out must be optional. A view offers no writes.
    ///
    /// ```swift
    /// let users = try await client.model(User.self)
    /// let found = try await users.view("users_by_email").find(where: ["email": "a@b.c"])
    /// ```
    public struct View: Sendable {
        /// The typed handle of the view read as a table.
        let handle: TypedModel<T>

        /// The view name.
        public var name: String { handle.model.table }

        /// Reads the rows matching `query`; see ``Model/find(_:options:)``.
        /// - Parameters:
        ///   - query: field values or operator objects.
        ///   - options: read options.
        /// - Returns: the decoded rows.
        /// - Throws: ``ORMError``.
        public func find(where query: [String: ORMValue] = [:], options: FindOptions = .init()) async throws -> [T] {
            try await handle.find(where: query, options: options)
        }

        /// Reads the first row matching `query`.
        /// - Parameters:
        ///   - query: field values or operator objects.
        ///   - options: read options; the limit is 1.
        /// - Returns: the decoded row, or `nil`.
        /// - Throws: ``ORMError``.
        public func findOne(where query: [String: ORMValue], options: FindOptions = .init()) async throws -> T? {
            try await handle.findOne(where: query, options: options)
        }

        /// The rows matching `query`, decoded one page at a time.
        /// - Parameters:
        ///   - query: field values or operator objects.
        ///   - options: read options.
        /// - Returns: the rows; errors surface on iteration.
        public func stream(where query: [String: ORMValue] = [:], options: FindOptions = .init())
            -> AsyncThrowingMapSequence<RecordSequence, T> {
            handle.stream(where: query, options: options)
        }

        /// Counts the rows matching `query`.
        /// - Parameters:
        ///   - query: field values or operator objects.
        ///   - options: filtering and consistency.
        /// - Returns: the count.
        /// - Throws: ``ORMError``.
        public func count(where query: [String: ORMValue] = [:], options: FindOptions = .init()) async throws -> Int {
            try await handle.count(where: query, options: options)
        }
    }

    /// The typed read API of the materialized view `name`.
    /// - Parameter name: a view the schema declares in ``ModelSchema/materializedViews``.
    /// - Returns: the view.
    /// - Throws: ``ORMError/Code/unknownView``.
    public func view(_ name: String) throws(ORMError) -> View {
        View(handle: TypedModel(try model.view(name).model))
    }
}
