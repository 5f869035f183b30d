extension TypedModel {
    /// Compiles a read whose values are given each time it runs; see
    /// ``Model/query(where:options:)``.
    ///
    /// ```swift
    /// let products = try await client.model(Product.self)
    /// let byID = try products.query(where: ["id": .eq])
    /// let pen = try await byID.findOne(.uuid(id))
    /// ```
    /// - Parameters:
    ///   - restrictions: fields and operators; each pair takes one value, in this order.
    ///   - options: read options; ``Query/findOne(_:)`` reads with a limit of 1.
    /// - Returns: the query.
    /// - Throws: ``ORMError``, as ``Model/query(where:options:)``.
    public func query(where restrictions: KeyValuePairs<String, Operator>, options: FindOptions = .init()) throws(ORMError) -> Query {
        Query(query: try model.query(where: restrictions, options: options))
    }

    /// A read compiled by ``TypedModel/query(where:options:)``, decoding rows into `T`. Keep it
    /// and reuse it; safe to use from any task.
    public struct Query: Sendable {
        /// The compiled read behind it.
        public let query: Model.Query

        /// The restricted fields, in the order ``findOne(_:)`` and ``find(_:)`` take their values.
        public var parameters: [String] { query.parameters }

        /// Reads the first matching row (with `LIMIT 1`).
        /// - Parameter values: one per ``parameters`` element, in that order.
        /// - Returns: the decoded row, or `nil`.
        /// - Throws: ``ORMError``, as ``Model/Query/findOne(_:)``, and
        ///   ``ORMError/Code/decodingFailed``.
        public func findOne(_ values: ORMValue...) async throws -> T? {
            guard let row = try await query.firstRow(values) else { return nil }
            return try TypedModel.decode(row, table: query.model.table)
        }

        /// Reads every matching row, fetching pages as needed.
        /// - Parameter values: as ``findOne(_:)``.
        /// - Returns: the decoded rows.
        /// - Throws: as ``findOne(_:)``.
        public func find(_ values: ORMValue...) async throws -> [T] {
            var result: [T] = []
            let table = query.model.table
            try await query.forEachRow(values) { row throws(ORMError) in result.append(try TypedModel.decode(row, table: table)) }
            return result
        }
    }
}

extension CassandraModel {
    /// Compiles a read of the model this type is bound to, whose values are given each time
    /// it runs; see ``Model/query(where:options:)``.
    ///
    /// ```swift
    /// let byID = try Product.query(where: ["id": .eq])
    /// let pen = try await byID.findOne(.uuid(id))
    /// ```
    /// - Parameters:
    ///   - restrictions: fields and operators; each pair takes one value, in this order.
    ///   - options: read options; ``TypedModel/Query/findOne(_:)`` reads with a limit of 1.
    /// - Returns: the query, bound to the client the type is loaded into now.
    /// - Throws: ``ORMError/Code/modelNotLoaded``, and as ``Model/query(where:options:)``.
    public static func query(where restrictions: KeyValuePairs<String, Operator>, options: FindOptions = .init())
        throws(ORMError) -> TypedModel<Self>.Query {
        try handle.query(where: restrictions, options: options)
    }
}
