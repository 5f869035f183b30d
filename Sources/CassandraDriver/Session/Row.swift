import CQLProtocol

/// One row of a ``ResultSet``: typed access by position or column name, or `Decodable`.
///
/// ```swift
/// let id = try row[0, as: UUID.self]
/// let email = try row["email", as: String?.self]   // NULL only decodes into an Optional
/// let user = try row.decode(as: User.self)
/// ```
public struct Row: Sendable {
    let result: ResultSet
    /// The row's position in its page.
    public let index: Int

    /// The columns of the row.
    public var columns: [ResultMetadata.ColumnSpec] { result.columns }

    /// The raw bytes of a cell without copying; `nil` for NULL.
    /// - Parameter column: the column position.
    public func bytes(at column: Int) -> ArraySlice<UInt8>? {
        result.rows?[row: index, column: column]
    }

    /// The value of the column at `column` as `T`.
    /// - Parameters:
    ///   - column: the column position.
    ///   - type: the Swift type; NULL decodes only into `Optional`.
    /// - Throws: ``CassandraError/Code/invalidArgument`` for a position out of range,
    ///   ``CassandraError/Code/typeMismatch`` when `T` cannot hold the column's type (or NULL).
    public subscript<T: CQLDecodable>(column: Int, as type: T.Type) -> T {
        get throws {
            guard column >= 0, column < result.columns.count else {
                throw CassandraError(.invalidArgument, "column \(column) is out of range; the row has \(result.columns.count) columns")
            }
            let spec = result.columns[column]
            do {
                return try T(cqlBytes: bytes(at: column), type: spec.type)
            } catch {
                throw CassandraError(.typeMismatch, "column '\(spec.name)': \(error.message)", underlying: error)
            }
        }
    }

    /// The value of the column named `name` as `T`.
    /// - Parameters:
    ///   - name: the column name as the server reports it.
    ///   - type: the Swift type; NULL decodes only into `Optional`.
    /// - Throws: ``CassandraError/Code/invalidArgument`` for an unknown name, and the errors of
    ///   ``subscript(_:as:)-(Int,_)``.
    public subscript<T: CQLDecodable>(name: String, as type: T.Type) -> T {
        get throws {
            guard let column = result.columnIndex[name] else {
                throw CassandraError(.invalidArgument, "the result has no column named '\(name)'")
            }
            return try self[column, as: T.self]
        }
    }

    /// The value of a column as a ``CQLProtocol/CQLValue`` (`nil` for NULL).
    /// - Parameter column: the column position.
    /// - Throws: ``CQLProtocol/CQLProtocolError`` for malformed bytes.
    public func value(at column: Int) throws -> CQLValue? {
        try CQLValue.decode(bytes(at: column), as: result.columns[column].type)
    }

    /// Decodes the row into `T` by column name, through ``CQLProtocol/CQLValueDecoder``.
    /// - Parameter type: a `Decodable` type whose coding keys are column names.
    /// - Returns: the value.
    /// - Throws: `DecodingError` for missing or mismatched columns.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        var values: [String: CQLValue] = [:]
        for (column, spec) in result.columns.enumerated() {
            if let value = try value(at: column) { values[spec.name] = value }
        }
        return try CQLValueDecoder().decode(T.self, fromRow: values)
    }
}
