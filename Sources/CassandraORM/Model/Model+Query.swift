import CassandraDriver

extension Model {
    /// Compiles a read whose values are given each time it runs: the restrictions are
    /// validated and the CQL text is built once, here, and the statement is prepared on first
    /// use and kept. A run only converts and binds its values: the cheapest read the ORM has,
    /// for the reads an application repeats (by id, by email, a partition's latest rows).
    ///
    /// ```swift
    /// let byEmail = try Customer.query(where: ["email": .eq])
    /// let customer = try await byEmail.findOne("a@b.c")
    ///
    /// let latest = try Event.query(where: ["tenant": .eq, "day": .eq, "seq": .gt], options: .init(limit: 10))
    /// let events = try await latest.find("acme", 1, 100)
    /// ```
    ///
    /// Token ranges (`$token`) and constants mixed into the restrictions need
    /// ``find(_:options:)``.
    /// - Parameters:
    ///   - restrictions: fields and the operator comparing each to its value; each pair takes
    ///     one value, in this order (`$in` takes a list).
    ///   - options: as ``find(_:options:)``; ``Query/findOne(_:)`` reads with a limit of 1.
    /// - Returns: the query.
    /// - Throws: what ``find(_:options:)`` throws before sending a query Cassandra would
    ///   reject: ``ORMError/Code/unknownField``, ``ORMError/Code/invalidQuery`` (an operator
    ///   that does not fit its field, a field compared by `$eq` or `$in` and again, bad
    ///   ordering or limits, an empty `select`) and ``ORMError/Code/filteringRequired``.
    public func query(where restrictions: KeyValuePairs<String, Operator>, options: FindOptions = .init()) throws(ORMError) -> Query {
        let parsed = restrictions.map { Restriction(field: $0.key, op: $0.value, value: .null) }
        var one = options
        one.limit = 1
        let builder = self.builder
        return Query(model: self, parameters: restrictions.map(\.key), options: options,
                     one: try CompiledRead(parsed, options: one, builder: builder),
                     all: try CompiledRead(parsed, options: options, builder: builder))
    }

    /// A read compiled by ``Model/query(where:options:)``: it runs with one value per
    /// parameter. Keep it and reuse it (a `static let`, a property); safe to use from any task.
    public struct Query: Sendable {
        /// The model it reads.
        public let model: Model
        /// The restricted fields, in the order ``findOne(_:)`` and ``find(_:)`` take their values.
        public let parameters: [String]
        /// The options the query was compiled with.
        public let options: FindOptions
        /// The statement of ``findOne(_:)``: the options with a limit of 1.
        let one: CompiledRead
        /// The statement of ``find(_:)``.
        let all: CompiledRead

        /// Reads the first matching row (with `LIMIT 1`).
        ///
        /// ```swift
        /// let customer = try await byEmail.findOne("a@b.c")
        /// ```
        /// - Parameter values: one per ``parameters`` element, in that order; converted to
        ///   the field's type as ``Model/find(_:options:)`` converts query values.
        /// - Returns: the record, or `nil`.
        /// - Throws: ``ORMError``: ``ORMError/Code/invalidQuery`` for the wrong number of
        ///   values or an `$in` value that is not a list, ``ORMError/Code/invalidValue`` for a
        ///   value that does not fit its field, both before anything is sent.
        public func findOne(_ values: ORMValue...) async throws -> Record? {
            guard let row = try await firstRow(values) else { return nil }
            return try Record(row: row, raw: options.raw)
        }

        /// Reads every matching row, fetching pages of ``FindOptions/pageSize`` as needed (all
        /// rows end up in memory).
        /// - Parameter values: as ``findOne(_:)``.
        /// - Returns: the records.
        /// - Throws: as ``findOne(_:)``.
        public func find(_ values: ORMValue...) async throws -> [Record] {
            var records: [Record] = []
            let raw = options.raw
            try await forEachRow(values) { row throws(ORMError) in records.append(try Record(row: row, raw: raw)) }
            return records
        }

        /// The first row of ``one``, bound to `values`.
        func firstRow(_ values: [ORMValue]) async throws(ORMError) -> Row? {
            let (bound, session) = try await bind(values, to: one)
            return try await model.execute(bound, options: model.readOptions(options), session: session).first
        }

        /// Calls `body` with each row of ``all``, bound to `values`, fetching pages as needed.
        func forEachRow(_ values: [ORMValue], _ body: (Row) throws(ORMError) -> Void) async throws(ORMError) {
            var (bound, session) = try await bind(values, to: all)
            bound.options = model.readOptions(options)
            do {
                for try await row in session.rows(bound) { try body(row) }
            } catch {
                throw ORMError.wrap(error, statement: bound.prepared.cql, table: model.table)
            }
        }

        /// `values` bound to `read`, prepared on the client's session, and that session.
        private func bind(_ values: [ORMValue], to read: CompiledRead) async throws(ORMError) -> (BoundStatement, Session) {
            guard values.count == parameters.count else {
                throw ORMError(.invalidQuery,
                               "the query takes \(parameters.count) values (\(parameters.joined(separator: ", "))), not \(values.count)",
                               table: model.table)
            }
            let session = try model.client.driver
            let statement: PreparedStatement
            if let prepared = read.statement(on: session) {
                statement = prepared
            } else {
                statement = try await read.prepare(on: session, table: model.table)
            }
            return (try read.bind(values, to: statement, model: model), session)
        }
    }
}
