import CassandraDriver

extension Model {
    /// Reads every row matching `query`, fetching pages of ``FindOptions/pageSize`` as needed
    /// (all rows end up in memory; see ``stream(_:options:)`` to process them one by one).
    ///
    /// ```swift
    /// let rows = try await Customer.find(["rating": ["$gte": 4.5]],
    ///                                    options: .init(limit: 10, allowFiltering: true))
    /// ```
    /// - Parameters:
    ///   - query: field values or operator objects (`$eq $ne $gt $gte $lt $lte $in
    ///     $contains $contains_key $like $token`), combined with `$and`.
    ///   - options: projection, limits, ordering, filtering, paging, consistency.
    /// - Returns: the records.
    /// - Throws: ``ORMError``; queries Cassandra would reject fail before anything is sent.
    public func find(_ query: [String: ORMValue] = [:], options: FindOptions = .init()) async throws -> [Record] {
        var records: [Record] = []
        for try await record in stream(query, options: options) { records.append(record) }
        return records
    }

    /// Reads the first row matching `query` (with `LIMIT 1`).
    /// - Parameters:
    ///   - query: as ``find(_:options:)``.
    ///   - options: as ``find(_:options:)``; the limit is 1.
    /// - Returns: the record, or `nil`.
    /// - Throws: ``ORMError``.
    public func findOne(_ query: [String: ORMValue], options: FindOptions = .init()) async throws -> Record? {
        let session = try? client.driver
        let bound = try await readStatement(query, options: options, firstRow: true, session: session)
        let result = try await execute(bound, options: readOptions(options), session: session)
        guard let row = result.first else { return nil }
        return try Record(row: row, raw: options.raw)
    }

    /// Reads one page: ``FindOptions/pageSize`` rows starting at ``FindOptions/pagingState``.
    /// - Parameters:
    ///   - query: as ``find(_:options:)``.
    ///   - options: as ``find(_:options:)``.
    /// - Returns: the records and the paging state of the next page.
    /// - Throws: ``ORMError``.
    public func findPage(_ query: [String: ORMValue], options: FindOptions = .init()) async throws -> Page {
        let session = try? client.driver
        let bound = try await readStatement(query, options: options, session: session)
        let result = try await execute(bound, options: readOptions(options), session: session)
        var records: [Record] = []
        records.reserveCapacity(result.count)
        for row in result { records.append(try Record(row: row, raw: options.raw)) }
        return Page(records: records, pagingState: result.pagingState)
    }

    /// The rows matching `query` as an `AsyncSequence`: one page in memory at a time;
    /// breaking out of the loop stops paging.
    /// - Parameters:
    ///   - query: as ``find(_:options:)``.
    ///   - options: as ``find(_:options:)``.
    /// - Returns: the records; errors (including invalid queries) surface on iteration.
    public func stream(_ query: [String: ORMValue], options: FindOptions = .init()) -> RecordSequence {
        RecordSequence(makeRows: { [self] in
            let session = try? client.driver
            var bound = try await readStatement(query, options: options, session: session)
            bound.options = readOptions(options)
            return try (session ?? client.driver).rows(bound)
        }, raw: options.raw)
    }

    /// Counts the rows matching `query` (`SELECT COUNT(*)`).
    /// - Parameters:
    ///   - query: as ``find(_:options:)``.
    ///   - options: filtering and consistency (limit caps the count).
    /// - Returns: the count.
    /// - Throws: ``ORMError``.
    public func count(_ query: [String: ORMValue] = [:], options: FindOptions = .init()) async throws -> Int {
        let session = try? client.driver
        let bound = try await readStatement(query, options: options, isCount: true, session: session)
        let result = try await execute(bound, options: readOptions(options), session: session)
        do {
            return Int(try result.first?[0, as: Int64.self] ?? 0)
        } catch {
            throw ORMError.wrap(error, statement: bound.prepared.cql, table: table)
        }
    }

    func readOptions(_ options: FindOptions) -> Statement.Options {
        Statement.Options(consistency: options.consistency, pageSize: options.pageSize.map { Int32(clamping: $0) },
                          pagingState: options.pagingState, isIdempotent: true)
    }
}
