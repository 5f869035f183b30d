import CassandraDriver

/// One row read through a dynamic ``Model``: field values by name.
///
/// ```swift
/// let customer = try await Customer.findOne(["id": id])
/// let email = customer?["email"].stringValue
/// ```
public struct Record: Sendable, Hashable {
    /// The row's values by field name (NULL cells are ``ORMValue/null``); empty for ``FindOptions/raw`` reads.
    public var values: [String: ORMValue]
    /// The driver's row, for ``FindOptions/raw`` reads only.
    public let row: Row?

    /// Creates a record from values.
    /// - Parameter values: values by field name.
    public init(values: [String: ORMValue]) {
        self.values = values
        row = nil
    }

    /// A record of `row`'s cells, or of `row` itself when `raw`.
    /// - Parameters:
    ///   - row: the row; borrowed, since only a raw record keeps it.
    ///   - raw: whether to keep the driver's row instead of converting its cells.
    /// - Throws: ``ORMError/Code/decodingFailed`` for a cell that does not decode.
    init(row: borrowing Row, raw: Bool) throws(ORMError) {
        if raw {
            values = [:]
            self.row = copy row
            return
        }
        let columns = row.columns
        var values = [String: ORMValue](minimumCapacity: columns.count)
        for (index, column) in columns.enumerated() {
            do {
                values[column.name] = try ORMValue(cell: row.bytes(at: index), type: column.type)
            } catch {
                throw ORMError(.decodingFailed, "column '\(column.name)' could not be decoded", field: column.name, underlying: error)
            }
        }
        self.values = values
        self.row = nil
    }

    /// The value of `field`; ``ORMValue/null`` when absent.
    public subscript(field: String) -> ORMValue {
        values[field] ?? .null
    }

    /// Records are equal when their values are.
    public static func == (lhs: Record, rhs: Record) -> Bool { lhs.values == rhs.values }

    /// Hashes the values.
    public func hash(into hasher: inout Hasher) { hasher.combine(values) }
}

/// One page of a read: its records and where the next page starts.
public struct Page: Sendable {
    /// The records of this page.
    public var records: [Record]
    /// Pass as ``FindOptions/pagingState`` to read the next page; `nil` on the last page.
    public var pagingState: [UInt8]?
}

/// The result of a write.
public struct WriteResult: Sendable, Hashable {
    /// Whether the write was applied: `false` only for a lightweight transaction
    /// (`ifNotExists`, `ifExists`, conditions) whose condition failed.
    public var applied: Bool
}

/// Records of a read, fetched page by page as the sequence is consumed.
public struct RecordSequence: AsyncSequence, Sendable {
    /// Each element is one record.
    public typealias Element = Record

    let makeRows: @Sendable () async throws -> RowSequence
    let raw: Bool

    /// Starts reading.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(makeRows: makeRows, raw: raw) }

    /// Reads records, preparing the statement on the first call.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let makeRows: @Sendable () async throws -> RowSequence
        let raw: Bool
        var rows: RowSequence.AsyncIterator?

        /// The next record, or `nil` after the last.
        /// - Throws: ``ORMError``.
        public mutating func next() async throws -> Record? {
            do {
                if rows == nil { rows = try await makeRows().makeAsyncIterator() }
                guard let row = try await rows!.next() else { return nil }
                return try Record(row: row, raw: raw)
            } catch {
                throw ORMError.wrap(error)
            }
        }
    }
}
