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
/// ## Clients
///
/// ``CassandraClient/loadSchema(_:migration:)-(T.Type,_)`` binds the type's static API
/// (`Product.find`, `product.save()`) to that client: one client per type. Loading the type
/// into a second client while the first is connected throws
/// ``ORMError/Code/modelAlreadyBound`` instead of silently moving the type. With several
/// clients, use one handle per client from ``CassandraClient/model(_:migration:)``:
///
/// ```swift
/// let products = try await client.model(Product.self)
/// try await products.save(Product(id: UUID(), name: "Pen", price: 1.5, tags: nil))
/// ```
///
/// ## Saving
///
/// ``save(options:)`` writes every property the type encodes, and a `nil` optional writes
/// NULL, which clears the column, exactly as a dynamic ``Model/save(_:options:)`` of
/// ``ORMValue/null`` does. This is express-cassandra's `null`: there, only an `undefined`
/// field is left out of the INSERT, and a Swift property is never undefined. Columns the
/// type has no property for are not written (their stored values are kept), like
/// express-cassandra's undefined fields; a schema `default` applies to those only, and
/// `null` skips it there too.
public protocol CassandraModel: Codable, Sendable {
    /// The model's schema.
    static var schema: ModelSchema { get }
}

/// The dynamic models behind the static API of loaded ``CassandraModel`` types.
enum ModelRegistry {
    private static let models = Mutex<[ObjectIdentifier: Model]>([:])

    /// Checks that `type` may be bound to `client`: it is unbound, bound to `client`, or
    /// bound to a client that is no longer connected.
    static func checkBinding(_ type: Any.Type, to client: CassandraClient) throws(ORMError) {
        let bound = models.withLock { $0[ObjectIdentifier(type)] }
        if let bound, bound.client !== client, bound.client.isConnected {
            throw ORMError(.modelAlreadyBound,
                           "\(type) is bound to another connected client; use client.model(\(type).self) for one handle per client, or close that client first",
                           table: bound.table)
        }
    }

    static func register(_ model: Model, for type: Any.Type) throws(ORMError) {
        try checkBinding(type, to: model.client)
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
    /// Loads a typed model (migrating its table) and binds the type's static API to this
    /// client; see ``CassandraModel`` for using one type with several clients.
    /// - Parameters:
    ///   - type: the model type.
    ///   - migration: overrides ``ORMOptions/migration``.
    /// - Returns: the dynamic model behind it.
    /// - Throws: ``ORMError``; ``ORMError/Code/modelAlreadyBound`` when the type is bound to
    ///   another connected client.
    @discardableResult
    public func loadSchema<T: CassandraModel>(_ type: T.Type, migration: MigrationMode? = nil) async throws -> Model {
        try ModelRegistry.checkBinding(T.self, to: self)
        let model = try await loadSchema(T.schema, migration: migration)
        try ModelRegistry.register(model, for: T.self)
        return model
    }
}

extension CassandraModel {
    /// The dynamic model this type's static API is bound to.
    /// - Throws: ``ORMError/Code/modelNotLoaded``.
    public static var model: Model {
        get throws(ORMError) { try ModelRegistry.model(for: Self.self) }
    }

    /// The typed handle of the bound model.
    static var handle: TypedModel<Self> {
        get throws(ORMError) { TypedModel(try model) }
    }

    /// Reads the rows matching `query`; see ``Model/find(_:options:)``.
    /// - Parameters:
    ///   - query: field values or operator objects.
    ///   - options: read options.
    /// - Returns: the decoded rows.
    /// - Throws: ``ORMError``.
    public static func find(where query: [String: ORMValue] = [:], options: FindOptions = .init()) async throws -> [Self] {
        try await handle.find(where: query, options: options)
    }

    /// Reads the first row matching `query`.
    /// - Parameters:
    ///   - query: field values or operator objects.
    ///   - options: read options.
    /// - Returns: the decoded row, or `nil`.
    /// - Throws: ``ORMError``.
    public static func findOne(where query: [String: ORMValue], options: FindOptions = .init()) async throws -> Self? {
        try await handle.findOne(where: query, options: options)
    }

    /// The rows matching `query`, decoded one page at a time.
    /// - Parameters:
    ///   - query: field values or operator objects.
    ///   - options: read options.
    /// - Returns: the rows; errors surface on iteration.
    public static func stream(where query: [String: ORMValue] = [:], options: FindOptions = .init())
        -> AsyncThrowingMapSequence<RecordSequence, Self> {
        do {
            return try handle.stream(where: query, options: options)
        } catch {
            let failure = error
            return RecordSequence(makeRows: { throw failure }, raw: true).map { record in try TypedModel<Self>.decode(record.row!) }
        }
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

    /// Saves this value as a row; `nil` optionals write NULL (see ``CassandraModel``).
    /// - Parameter options: `ifNotExists`, `ttl`, `timestamp`.
    /// - Returns: whether it was applied.
    /// - Throws: ``ORMError``.
    @discardableResult
    public func save(options: SaveOptions = .init()) async throws -> WriteResult {
        try await Self.handle.save(self, options: options)
    }

    /// Deletes this value's row, by its primary key.
    /// - Returns: whether it was applied.
    /// - Throws: ``ORMError``.
    @discardableResult
    public func delete() async throws -> WriteResult {
        try await Self.handle.delete(self)
    }
}
