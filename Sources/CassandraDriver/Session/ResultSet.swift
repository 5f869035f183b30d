#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// One page of a result: its rows, their columns and the response's envelope (warnings,
/// tracing id, custom payload, paging state).
///
/// ```swift
/// let result = try await session.execute("SELECT id, name FROM users WHERE id = ?", id)
/// for row in result {
///     let name = try row["name", as: String.self]
/// }
/// let users = try result.decode(as: User.self)
/// ```
///
/// Memory: a result holds the page's frame body (cells are sliced, never copied) for as long
/// as it or any of its rows lives.
public struct ResultSet: Sendable, RandomAccessCollection {
    /// The columns of the rows, in order (empty for results without rows).
    public let columns: [ResultMetadata.ColumnSpec]
    /// The node that answered, as `address:port`.
    public let node: String?
    let rows: ResponseMessage.Result.Rows?
    /// What most results lack, kept behind one reference so that the common result stays
    /// small: it is returned through every layer of a request, whose async frames hold it.
    private let envelope: Envelope?

    /// The rarely present parts of a result.
    private final class Envelope: Sendable {
        let warnings: [String]
        let customPayload: [String: [UInt8]]?
        let tracingID: UUID?
        let schemaChange: ResponseMessage.SchemaChange?
        let preparedResult: ResponseMessage.Result.Prepared?

        init(warnings: [String], customPayload: [String: [UInt8]]?, tracingID: UUID?,
             schemaChange: ResponseMessage.SchemaChange?, preparedResult: ResponseMessage.Result.Prepared?) {
            self.warnings = warnings
            self.customPayload = customPayload
            self.tracingID = tracingID
            self.schemaChange = schemaChange
            self.preparedResult = preparedResult
        }
    }

    /// Where the next page starts, or `nil` on the last page.
    public var pagingState: [UInt8]? { rows?.metadata.pagingState }
    /// Warnings the server attached to the response.
    public var warnings: [String] { envelope?.warnings ?? [] }
    /// The response's custom payload, if any.
    public var customPayload: [String: [UInt8]]? { envelope?.customPayload }
    /// The tracing session id, when the statement asked for tracing.
    public var tracingID: UUID? { envelope?.tracingID }
    /// The schema change a DDL statement made, if it was one.
    public var schemaChange: ResponseMessage.SchemaChange? { envelope?.schemaChange }

    var preparedResult: ResponseMessage.Result.Prepared? { envelope?.preparedResult }
    var columnIndex: ColumnIndex { ColumnIndex(columns) }

    init(result: ResponseMessage.Result, frame: Frame?, node: String?, columnsOverride: [ResultMetadata.ColumnSpec]? = nil) {
        var rows: ResponseMessage.Result.Rows?
        var schemaChange: ResponseMessage.SchemaChange?
        var prepared: ResponseMessage.Result.Prepared?
        switch result {
        case .rows(let value): rows = value
        case .schemaChange(let change): schemaChange = change
        case .prepared(let value): prepared = value
        case .void, .setKeyspace: break
        }
        self.rows = rows
        columns = rows?.metadata.columns ?? columnsOverride ?? []
        self.node = node
        let warnings = frame?.warnings ?? []
        let customPayload = frame?.customPayload
        let tracingID = frame?.tracingID
        if warnings.isEmpty && customPayload == nil && tracingID == nil && schemaChange == nil && prepared == nil {
            envelope = nil
        } else {
            envelope = Envelope(warnings: warnings, customPayload: customPayload, tracingID: tracingID,
                                schemaChange: schemaChange, preparedResult: prepared)
        }
    }

    /// An empty result (used when a retry policy ignores a failure).
    static let empty = ResultSet(result: .void, frame: nil, node: nil)

    /// The index of the first row.
    public var startIndex: Int { 0 }
    /// One past the last row's index.
    public var endIndex: Int { rows?.rowCount ?? 0 }

    /// The row at `position`.
    public subscript(position: Int) -> Row {
        Row(result: self, index: position)
    }

    /// Whether more pages follow this one.
    public var hasMorePages: Bool { pagingState != nil }

    /// For lightweight transactions (`IF …`): the `[applied]` column of the first row; `true`
    /// for every other statement.
    public var wasApplied: Bool {
        guard let column = columnIndex["[applied]"], let first = first else { return true }
        return (try? first[column, as: Bool.self]) ?? true
    }

    /// Decodes every row into `T` by column name, through ``CQLProtocol/CQLValueDecoder``.
    /// - Parameter type: a `Decodable` type whose coding keys are column names.
    /// - Returns: one value per row.
    /// - Throws: `DecodingError` or ``CQLProtocol/CQLProtocolError`` for missing or mismatched columns.
    public func decode<T: Decodable>(as type: T.Type) throws -> [T] {
        try map { try $0.decode(as: T.self) }
    }
}

/// Column positions by name.
///
/// A linear scan: results have few columns, and building a dictionary for every result would
/// cost every request an allocation and a hash per column, even when no name is looked up.
struct ColumnIndex: Sendable {
    private let columns: [ResultMetadata.ColumnSpec]

    init(_ columns: [ResultMetadata.ColumnSpec]) {
        self.columns = columns
    }

    /// The position of the first column named `name`.
    subscript(name: String) -> Int? { columns.firstIndex { $0.name == name } }
}
