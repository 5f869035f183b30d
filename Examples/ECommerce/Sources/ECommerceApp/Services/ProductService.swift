import CassandraORM
import CassandraSubscriptions
import Foundation

/// The catalog: products with price and stock, listing by category, and the stock
/// reservations orders make.
///
/// Every stock change is a compare-and-set on ``Product/revision`` (a lightweight
/// transaction), retried on contention, so concurrent orders never oversell. Reservations are
/// recorded per order id in ``Product/reservations``, which makes ``reserve(_:for:quantity:)``
/// and ``release(_:for:)`` idempotent (a saga may run a step or a compensation twice).
///
/// Every write goes through the change log (``CassandraSubscriptions/CapturedModel``): the
/// low-stock alerts subscribe to it.
public struct ProductService: Sendable {
    /// The products model (reads).
    let products: TypedModel<Product>
    /// The same model with its writes captured.
    let captured: CapturedModel
    /// How many compare-and-set rounds a stock change tries before giving up.
    static let maxAttempts = 64

    /// Loads (and migrates) the `products` model in `client`.
    /// - Parameters:
    ///   - client: a connected ORM client.
    ///   - changes: the change log the writes are captured in.
    /// - Throws: ``CassandraORM/ORMError`` when the schema cannot be migrated.
    init(client: CassandraClient, changes: ChangeLog) async throws {
        products = try await client.model(Product.self)
        captured = changes.capture(products.model)
    }

    /// Adds a product to the catalog.
    /// - Parameters:
    ///   - id: the id; a new random one by default.
    ///   - name: the name (1 to 200 characters).
    ///   - description: the description (at most 2,000 characters; may be empty).
    ///   - category: the category slug.
    ///   - priceCents: the unit price in cents (1 to 100,000,000).
    ///   - stock: the initial stock (0 to 1,000,000).
    /// - Returns: the product.
    /// - Throws: ``APIError/Code/validationFailed``, ``APIError/Code/duplicate`` when `id` is taken.
    public func create(id: UUID = UUID(), name: String, description: String, category: String, priceCents: Int64, stock: Int32) async throws -> Product {
        let product = Product(
            id: id,
            name: try Validation.text(name, field: "name", maxLength: 200),
            description: try Self.description(description),
            category: try Validation.category(category, field: "category"),
            priceCents: try Validation.integer(priceCents, field: "priceCents", in: 1...100_000_000),
            stock: try Validation.integer(stock, field: "stock", in: 0...1_000_000),
            createdAt: Validation.now())
        let values: [String: ORMValue] = [
            "id": .uuid(product.id), "name": .string(product.name), "description": .string(product.description),
            "category": .string(product.category), "price_cents": .int(product.priceCents), "stock": .int(Int64(product.stock)),
            "revision": .int(product.revision), "created_at": .date(product.createdAt),
        ]
        guard try await captured.save(values, options: .init(ifNotExists: true)).applied else {
            throw APIError(.duplicate, "a product with id \(id) already exists", field: "id")
        }
        return product
    }

    /// The product with `id`.
    /// - Parameter id: the id.
    /// - Returns: the product.
    /// - Throws: ``APIError/Code/notFound``.
    public func get(_ id: UUID) async throws -> Product {
        guard let product = try await products.findOne(where: ["id": .uuid(id)]) else {
            throw APIError(.notFound, "no product with id \(id)")
        }
        return product
    }

    /// The products of a category (through the `category` index), by name.
    /// - Parameter category: the category slug.
    /// - Returns: the products.
    /// - Throws: ``APIError/Code/validationFailed`` for a malformed category.
    public func list(category: String) async throws -> [Product] {
        let category = try Validation.category(category, field: "category")
        return try await products.find(where: ["category": .string(category)]).sorted { $0.name < $1.name }
    }

    /// Adds `delta` units to a product's stock (negative to remove), never below zero.
    /// - Parameters:
    ///   - id: the product.
    ///   - delta: the change.
    /// - Returns: the product after the change.
    /// - Throws: ``APIError/Code/notFound``, ``APIError/Code/insufficientStock`` when it
    ///   would go below zero.
    public func adjustStock(_ id: UUID, by delta: Int32) async throws -> Product {
        _ = try Validation.integer(delta, field: "delta", in: -1_000_000...1_000_000)
        return try await change(id) { product in
            let stock = Int64(product.stock) + Int64(delta)
            guard stock >= 0 else {
                throw APIError(.insufficientStock, "product \(id) has \(product.stock) units in stock", field: "delta")
            }
            guard stock <= 1_000_000 else {
                throw APIError(.validationFailed, "stock must stay at most 1000000", field: "delta")
            }
            product.stock = Int32(stock)
            return true
        }
    }

    /// Reserves `quantity` units for an order. Doing it again for the same order changes
    /// nothing.
    /// - Parameters:
    ///   - id: the product.
    ///   - order: the order id.
    ///   - quantity: the units.
    /// - Throws: ``APIError/Code/insufficientStock`` (nothing reserved),
    ///   ``APIError/Code/notFound``.
    func reserve(_ id: UUID, for order: UUID, quantity: Int32) async throws {
        _ = try await change(id) { product in
            if product.reservations?[order.uuidString] != nil { return false }
            guard product.stock >= quantity else {
                throw APIError(.insufficientStock, "product \(id) has \(product.stock) units in stock, \(quantity) requested",
                               field: "lines")
            }
            product.stock -= quantity
            product.reservations = (product.reservations ?? [:]).merging([order.uuidString: quantity]) { $1 }
            return true
        }
    }

    /// Returns an order's reserved units to the stock. Does nothing when the order holds no
    /// reservation (never made, already released or consumed).
    /// - Parameters:
    ///   - id: the product.
    ///   - order: the order id.
    /// - Throws: ``APIError/Code/notFound``, database errors.
    func release(_ id: UUID, for order: UUID) async throws {
        _ = try await change(id) { product in
            guard let held = product.reservations?[order.uuidString] else { return false }
            product.stock += held
            product.reservations?[order.uuidString] = nil
            return true
        }
    }

    /// Drops an order's reservation because the units left with it (shipped): the stock
    /// stays reduced.
    /// - Parameters:
    ///   - id: the product.
    ///   - order: the order id.
    /// - Throws: ``APIError/Code/notFound``, database errors.
    func consume(_ id: UUID, for order: UUID) async throws {
        _ = try await change(id) { product in
            guard product.reservations?[order.uuidString] != nil else { return false }
            product.reservations?[order.uuidString] = nil
            return true
        }
    }

    /// Reads a product, lets `mutate` change stock and reservations, and writes them back
    /// with `IF revision = <read revision>`, rereading and retrying when another writer won.
    /// The update records the stock difference in `last_stock_change`.
    /// - Parameters:
    ///   - id: the product.
    ///   - mutate: returns `false` when there is nothing to write.
    /// - Returns: the product as written (or as read, when nothing was written).
    private func change(_ id: UUID, _ mutate: (inout Product) throws -> Bool) async throws -> Product {
        for _ in 0..<Self.maxAttempts {
            var product = try await get(id)
            let revision = product.revision, stockBefore = product.stock
            guard try mutate(&product) else { return product }
            product.revision = revision + 1
            product.lastStockChange = product.stock - stockBefore
            let reservations = (product.reservations ?? [:]).mapValues { ORMValue.int(Int64($0)) }
            let result = try await captured.update(
                where: ["id": .uuid(id)],
                set: [
                    "stock": .int(Int64(product.stock)), "reservations": .map(reservations), "revision": .int(product.revision),
                    "last_stock_change": .int(Int64(product.stock - stockBefore)),
                ],
                options: .init(conditions: ["revision": .int(revision)]))
            if result.applied { return product }
        }
        throw APIError(.concurrencyConflict, "product \(id) is changing too often; retry later")
    }

    private static func description(_ value: String) throws(APIError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= 2_000 else {
            throw APIError(.validationFailed, "description must be at most 2000 characters", field: "description")
        }
        return trimmed
    }
}
