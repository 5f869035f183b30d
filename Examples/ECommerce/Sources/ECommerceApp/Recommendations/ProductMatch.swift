import Foundation

/// A product found by similarity: its id, name and category as indexed, and how similar it is.
public struct ProductMatch: Codable, Sendable, Equatable {
    /// The product.
    public var productId: UUID
    /// Its name.
    public var name: String
    /// Its category.
    public var category: String
    /// Cosine similarity on Cassandra's 0…1 scale (`(1 + cos θ) / 2`: 1 identical, 0.5 unrelated).
    public var similarity: Float

    /// Creates a match.
    /// - Parameters:
    ///   - productId: the product.
    ///   - name: its name.
    ///   - category: its category.
    ///   - similarity: the similarity.
    public init(productId: UUID, name: String, category: String, similarity: Float) {
        self.productId = productId
        self.name = name
        self.category = category
        self.similarity = similarity
    }
}
