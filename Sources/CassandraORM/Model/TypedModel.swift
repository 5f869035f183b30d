import CassandraDriver
import CQLProtocol

/// A ``CassandraModel`` type loaded into one client: the typed API of that client's
/// table, explicitly bound, so that one type can be used with several clients.
///
/// ```swift
/// let products = try await client.model(Product.self)
/// let replica = try await otherClient.model(Product.self)
/// try await products.save(Product(id: UUID(), name: "Pen", price: 1.5, tags: nil))
/// let pen = try await replica.findOne(where: ["name": "Pen"])
/// ```
///
/// The type's static API (`Product.find`, `product.save()`) works the same way through the
/// handle of the client it is bound to with ``CassandraClient/loadSchema(_:migration:)-(T.Type,_)``.
/// Safe to use from any task.
public struct TypedModel<T: CassandraModel>: Sendable {
    /// The dynamic model behind the handle.
    public let model: Model

    init(_ model: Model) {
        self.model = model
    }

    /// Reads the rows matching `query`; see ``Model/find(_:options:)``.
    /// - Parameters:
    ///   - query: field values or operator objects.
    ///   - options: read options.
    /// - Returns: the decoded rows.
    /// - Throws: ``ORMError``.
    public func find(where query: [String: ORMValue] = [:], options: FindOptions = .init()) async throws -> [T] {
        var result: [T] = []
        for try await item in stream(where: query, options: options) { result.append(item) }
        return result
    }

    /// Reads the first row matching `query` (with `LIMIT 1`).
    /// - Parameters:
    ///   - query: field values or operator objects.
    ///   - options: read options; the limit is 1.
    /// - Returns: the decoded row, or `nil`.
    /// - Throws: ``ORMError``.
    public func findOne(where query: [String: ORMValue], options: FindOptions = .init()) async throws -> T? {
        let session = try? model.client.driver
        let bound = try await model.readStatement(query, options: options, firstRow: true, session: session)
        let result = try await model.execute(bound, options: model.readOptions(options), session: session)
        guard let row = result.first else { return nil }
        return try Self.decode(row, table: model.table)
    }

    /// The rows matching `query`, decoded one page at a time.
    /// - Parameters:
    ///   - query: field values or operator objects.
    ///   - options: read options.
    /// - Returns: the rows; errors surface on iteration.
    public func stream(where query: [String: ORMValue] = [:], options: FindOptions = .init())
        -> AsyncThrowingMapSequence<RecordSequence, T> {
        var options = options
        options.raw = true
        let table = model.table
        return model.stream(query, options: options).map { record in try Self.decode(record.row!, table: table) }
    }

    /// Counts the rows matching `query`; see ``Model/count(_:options:)``.
    /// - Parameters:
    ///   - query: field values or operator objects.
    ///   - options: filtering and consistency.
    /// - Returns: the count.
    /// - Throws: ``ORMError``.
    public func count(where query: [String: ORMValue] = [:], options: FindOptions = .init()) async throws -> Int {
        try await model.count(query, options: options)
    }

    /// Updates rows; see ``Model/update(where:set:options:)``.
    /// - Parameters:
    ///   - query: the primary key.
    ///   - assignments: values or collection operators.
    ///   - options: conditions, `ttl`, `timestamp`.
    /// - Returns: whether it was applied.
    /// - Throws: ``ORMError``.
    @discardableResult
    public func update(where query: [String: ORMValue], set assignments: [String: ORMValue],
                       options: UpdateOptions = .init()) async throws -> WriteResult {
        try await model.update(where: query, set: assignments, options: options)
    }

    /// Deletes rows; see ``Model/delete(where:options:)``.
    /// - Parameters:
    ///   - query: the key.
    ///   - options: conditions, `timestamp`.
    /// - Returns: whether it was applied.
    /// - Throws: ``ORMError``.
    @discardableResult
    public func delete(where query: [String: ORMValue], options: UpdateOptions = .init()) async throws -> WriteResult {
        try await model.delete(where: query, options: options)
    }

    /// Saves `value` as a row: every property it encodes is written, a `nil` optional as
    /// NULL (see ``CassandraModel``).
    /// - Parameters:
    ///   - value: the value.
    ///   - options: `ifNotExists`, `ttl`, `timestamp`.
    /// - Returns: whether it was applied.
    /// - Throws: ``ORMError``.
    @discardableResult
    public func save(_ value: T, options: SaveOptions = .init()) async throws -> WriteResult {
        if model.savesPlainly, let slots = try serialized(value) {
            let statement = try await model.insertStatement(serialized: slots, options: options)
            return try await model.write(statement, isConditional: options.ifNotExists, consistency: options.consistency)
        }
        return try await model.save(try values(of: value), options: options)
    }

    /// Deletes `value`'s row, by its primary key.
    /// - Parameter value: the value.
    /// - Returns: whether it was applied.
    /// - Throws: ``ORMError``.
    @discardableResult
    public func delete(_ value: T) async throws -> WriteResult {
        let values = try values(of: value)
        let key = Dictionary(uniqueKeysWithValues: model.schema.primaryKey.map { ($0, values[$0] ?? .null) })
        return try await model.delete(where: key)
    }

    /// `value`'s columns serialized for the model's column positions, or `nil` when its
    /// `Codable` shape needs the general path.
    private func serialized(_ value: T) throws(ORMError) -> [CQLRawValue?]? {
        do {
            return try ColumnEncoder.encode(value, layout: model.columns)
        } catch {
            throw encodingFailure(error)
        }
    }

    /// `value`'s fields as ``ORMValue``s, encoded against the server's column types; `nil`
    /// optionals are ``ORMValue/null``.
    func values(of value: T) throws(ORMError) -> [String: ORMValue] {
        do {
            guard let slots = try ColumnEncoder.encode(value, layout: model.columns) else {
                // A hand-written `Codable` shape: the general encoder, which leaves out `nil`s.
                return try CQLValueEncoder().encodeRow(value, columns: model.columnTypes).mapValues { ORMValue(cql: $0) }
            }
            var values: [String: ORMValue] = [:]
            for (position, slot) in slots.enumerated() {
                guard let slot, let type = model.columns.types[position] else { continue }
                switch slot {
                case .bytes(let bytes): values[model.columns.names[position]] = ORMValue(cql: try CQLValue.decode(bytes, as: type))
                case .null: values[model.columns.names[position]] = .null
                case .unset: break
                }
            }
            return values
        } catch {
            throw encodingFailure(error)
        }
    }

    private func encodingFailure(_ error: any Error) -> ORMError {
        if let unknown = error as? ColumnEncoder.UnknownColumn, model.columnTypes[unknown.key] != nil {
            return ORMError(.unknownField, "the schema has no field '\(unknown.key)'", table: model.table, field: unknown.key)
        }
        var description = "\(error)"
        if let unknown = error as? ColumnEncoder.UnknownColumn { description = "the table has no column \(unknown.key)" }
        return ORMError(.invalidValue, "\(T.self) does not fit the columns of '\(model.table)': \(description)", table: model.table,
                        underlying: error)
    }

    /// Decodes a row, straight from its cells when `T` has the flat shape of synthesized
    /// `Codable`, else through ``CassandraDriver/Row/decode(as:)``.
    static func decode(_ row: Row, table: String? = nil) throws(ORMError) -> T {
        do {
            do {
                return try ColumnDecoder.decode(T.self, from: row)
            } catch is ColumnDecoder.UnsupportedShape {
                return try row.decode(as: T.self)
            }
        } catch {
            let table = table ?? (try? T.model.table) ?? "?"
            throw ORMError(.decodingFailed, "a row of '\(table)' does not decode as \(T.self): \(error)", underlying: error)
        }
    }
}

extension CassandraClient {
    /// Loads a typed model (migrating its table) into this client and returns its handle,
    /// without touching the type's static API: the way to use one ``CassandraModel`` type
    /// with several clients. Call it once per client and keep the handle.
    ///
    /// ```swift
    /// let products = try await client.model(Product.self)
    /// let cheap = try await products.find(where: ["price": ["$lt": 2]], options: .init(allowFiltering: true))
    /// ```
    /// - Parameters:
    ///   - type: the model type.
    ///   - migration: overrides ``ORMOptions/migration``.
    /// - Returns: the handle.
    /// - Throws: ``ORMError``.
    public func model<T: CassandraModel>(_ type: T.Type, migration: MigrationMode? = nil) async throws -> TypedModel<T> {
        TypedModel(try await loadSchema(T.schema, migration: migration))
    }
}
