import Foundation

/// One product line of an order, priced when the order was placed.
public struct OrderLine: Codable, Sendable, Hashable {
    /// The product.
    public var productID: UUID
    /// Units ordered (at least 1).
    public var quantity: Int32
    /// The unit price in cents at the time of ordering.
    public var unitPriceCents: Int64

    /// Creates a line.
    /// - Parameters:
    ///   - productID: the product.
    ///   - quantity: the units.
    ///   - unitPriceCents: the unit price in cents.
    public init(productID: UUID, quantity: Int32, unitPriceCents: Int64) {
        self.productID = productID
        self.quantity = quantity
        self.unitPriceCents = unitPriceCents
    }

    enum CodingKeys: String, CodingKey {
        case quantity, unitPriceCents
        case productID = "productId"
    }
}
