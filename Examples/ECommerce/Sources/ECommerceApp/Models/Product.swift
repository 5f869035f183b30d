import CassandraORM
import Foundation

/// A catalog product: an ORM model with price, stock and the stock reserved per open order.
///
/// Stock changes are compare-and-set updates conditioned on ``revision`` (a lightweight
/// transaction), and ``reservations`` records which order holds how many units, so reserving
/// and releasing are idempotent: a saga step that runs twice changes stock once.
public struct Product: CassandraModel, Equatable {
    /// Table `products`, keyed by `id`, with a secondary index on `category` for listings.
    /// Its writes are captured in the change log (``ProductService``).
    public static let schema = ModelSchema("products", fields: [
        "id": "uuid",
        "name": "text",
        "description": "text",
        "category": "text",
        "price_cents": "bigint",
        "stock": "int",
        "reservations": "map<text, int>",
        "revision": "bigint",
        "last_stock_change": "int",
        "created_at": "timestamp",
    ], key: ["id"], indexes: ["category"])

    /// The product id.
    public var id: UUID
    /// The name.
    public var name: String
    /// A longer description.
    public var description: String
    /// The category (lower case), as listed by `GET /products?category=`.
    public var category: String
    /// The unit price in cents.
    public var priceCents: Int64
    /// Units available to order (reserved units are already subtracted).
    public var stock: Int32
    /// Units held per order id, until the order ships (kept) or is cancelled (returned).
    public var reservations: [String: Int32]?
    /// Incremented by every stock change; the condition of the compare-and-set updates.
    public var revision: Int64
    /// The units the latest stock change added (negative: removed); the low-stock
    /// subscription's condition reads it from the captured change.
    public var lastStockChange: Int32?
    /// When the product was created.
    public var createdAt: Date

    /// Creates a product.
    /// - Parameters:
    ///   - id: the id.
    ///   - name: the name.
    ///   - description: the description.
    ///   - category: the category.
    ///   - priceCents: the unit price in cents.
    ///   - stock: the units in stock.
    ///   - createdAt: the creation time.
    public init(id: UUID, name: String, description: String, category: String, priceCents: Int64, stock: Int32, createdAt: Date) {
        self.id = id
        self.name = name
        self.description = description
        self.category = category
        self.priceCents = priceCents
        self.stock = stock
        self.reservations = nil
        self.revision = 0
        self.lastStockChange = nil
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, description, category, stock, reservations, revision
        case priceCents = "price_cents"
        case createdAt = "created_at"
        case lastStockChange = "last_stock_change"
    }
}
