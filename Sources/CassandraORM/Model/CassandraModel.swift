import CassandraDriver
import CQLProtocol
import Synchronization

/// A typed model: a `Codable` struct whose properties are the table's fields.
///
/// ```swift
/// struct Product: CassandraModel {
///     static let schema = ModelSchema("products",
///         fields: ["id": "uuid", "name": "text", "price": "double", "tags": "set<text>"],
///         key: ["id"], indexes: ["name"])
///     var id: UUID
///     var name: String
///     var price: Double
///     var tags: Set<String>?
/// }
/// try await client.loadSchema(Product.self)
/// try await Product(id: UUID(), name: "Pen", price: 1.5, tags: nil).save()
/// let cheap = try await Product.find(where: ["price": ["$lt": 2]], options: .init(allowFiltering: true))
/// ```
///
/// Properties map to fields by their coding keys. A `nil` optional is not written by
/// ``save(options:)`` (the stored value is kept); set it with ``update(where:set:options:)``.
public protocol CassandraModel: Codable, Sendable {
    /// The model's schema.
    static var schema: ModelSchema { get }
}

/// The dynamic models behind loaded ``CassandraModel`` types.
enum ModelRegistry {
    private static let models = Mutex<[ObjectIdentifier: Model]>([:])

    static func register(_ model: Model, for type: Any.Type) {
        models.withLock { $0[ObjectIdentifier(type)] = model }
    }

    static func model(for type: Any.Type) throws(ORMError) -> Model {
        guard let model = models.withLock({ $0[ObjectIdentifier(type)] }) else {
            throw ORMError(.modelNotLoaded, "\(type) is not loaded; call client.loadSchema(\(type).self) first")
        }
        return model
    }
}

extension CassandraClient {
    /// Loads a typed model (migrating its table) and binds the type's static API to this client.
    /// - Parameters:
    ///   - type: the model type.
    ///   - migration: overrides ``ORMOptions/migration``.
    /// - Returns: the dynamic model behind it.
    /// - Throws: ``ORMError``.
    @discardableResult
    public func loadSchema<T: CassandraModel>(_ type: T.Type, migration: MigrationMode? = nil) async throws -> Model {
        let model = try await loadSchema(T.schema, migration: migration)
        ModelRegistry.register(model, for: T.self)
        return model
    }
}

extension CassandraModel {
    /// The dynamic model this type was loaded as.
    /// - Throws: ``ORMError/Code/modelNotLoaded``.
    public static var model: Model {
        get throws(ORMError) { try ModelRegistry.model(for: Self.self) }
    }

    /// Reads the rows matching `query`; see ``Model/find(_:options:)``.
    /// - Parameters:
    ///   - query: field values or operator objects.
    ///   - options: read options.
    /// - Returns: the decoded rows.
    /// - Throws: ``ORMError``.
    public static func find(where query: [String: ORMValue] = [:], options: FindOptions = .init()) async throws -> [Self] {
        var result: [Self] = []
        for try await item in stream(where: query, options: options) { result.append(item) }
        return result
    }

    /// Reads the first row matching `query`.
    /// - Parameters:
    ///   - query: field values or operator objects.
    ///   - options: read options.
    /// - Returns: the decoded row, or `nil`.
    /// - Throws: ``ORMError``.
    public static func findOne(where query: [String: ORMValue], options: FindOptions = .init()) async throws -> Self? {
        var options = options
        options.raw = true
        guard let row = try await model.findOne(query, options: options)?.row else { return nil }
        return try decode(row)
    }

    /// The rows matching `query`, decoded one page at a time.
    /// - Parameters:
    ///   - query: field values or operator objects.
    ///   - options: read options.
    /// - Returns: the rows; errors surface on iteration.
    public static func stream(where query: [String: ORMValue] = [:], options: FindOptions = .init())
        -> AsyncThrowingMapSequence<RecordSequence, Self> {
        var options = options
        options.raw = true
        let records: RecordSequence
        do {
            records = try model.stream(query, options: options)
        } catch {
            let failure = error
            records = RecordSequence(makeRows: { throw failure }, raw: true)
        }
        return records.map { record in try decode(record.row!) }
    }

    /// Counts the rows matching `query`.
    /// - Parameters:
    ///   - query: field values or operator objects.
    ///   - options: filtering and consistency.
    /// - Returns: the count.
    /// - Throws: ``ORMError``.
    public static func count(where query: [String: ORMValue] = [:], options: FindOptions = .init()) async throws -> Int {
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
    public static func update(where query: [String: ORMValue], set assignments: [String: ORMValue],
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
    public static func delete(where query: [String: ORMValue], options: UpdateOptions = .init()) async throws -> WriteResult {
        try await model.delete(where: query, options: options)
    }

    /// Saves this value as a row; see ``Model/save(_:options:)``.
    /// - Parameter options: `ifNotExists`, `ttl`, `timestamp`.
    /// - Returns: whether it was applied.
    /// - Throws: ``ORMError``.
    @discardableResult
    public func save(options: SaveOptions = .init()) async throws -> WriteResult {
        let model = try Self.model
        return try await model.save(try encoded(for: model), options: options)
    }

    /// Deletes this value's row, by its primary key.
    /// - Returns: whether it was applied.
    /// - Throws: ``ORMError``.
    @discardableResult
    public func delete() async throws -> WriteResult {
        let model = try Self.model
        let values = try encoded(for: model)
        let key = Dictionary(uniqueKeysWithValues: model.schema.primaryKey.map { ($0, values[$0] ?? .null) })
        return try await model.delete(where: key)
    }

    /// This value's fields as ``ORMValue``s, encoded against the server's column types.
    func encoded(for model: Model) throws(ORMError) -> [String: ORMValue] {
        do {
            let row = try CQLValueEncoder().encodeRow(self, columns: model.columnTypes)
            return row.mapValues { ORMValue(cql: $0) }
        } catch {
            throw ORMError(.invalidValue, "\(Self.self) does not fit the columns of '\(model.table)': \(error)", table: model.table,
                           underlying: error)
        }
    }

    static func decode(_ row: Row) throws(ORMError) -> Self {
        do {
            return try row.decode(as: Self.self)
        } catch {
            throw ORMError(.decodingFailed, "a row of '\((try? model.table) ?? "?")' does not decode as \(Self.self): \(error)",
                           underlying: error)
        }
    }
}
