import CassandraDriver
import CassandraSubscriptions
import CassandraVectorSearch
import Foundation
import Logging

/// Similar products and text search over the catalog with ``CassandraVectorSearch``.
///
/// Each product's name, category and description are embedded offline by a
/// ``CassandraVectorSearch/HashingEmbedder`` into the `product_embeddings` collection, whose
/// layout the module picks: native `vector` columns with an ANN index on Cassandra 5 and the
/// embedded server, a blob column with an exact scan on Cassandra 4.
///
/// Indexing follows the change log: the `product-embeddings` subscription receives every
/// captured product write that is not a stock change (creations, and any later write of the
/// text fields; stock changes set `last_stock_change` and are skipped), re-reads the product
/// and upserts its document, which is idempotent. The seed data is indexed the same way.
public final class RecommendationService: Sendable {
    /// The subscription name.
    static let subscriptionName = "product-embeddings"
    /// The embedding dimensions.
    static let dimensions = 256

    /// The vector collection.
    public let collection: VectorCollection
    /// The running indexer.
    public let indexer: BackgroundSubscription
    private let products: ProductService

    /// Opens (creating if needed) the collection and the indexing subscription; nothing is
    /// read before ``start(logger:)``.
    /// - Parameters:
    ///   - session: the session.
    ///   - keyspace: the keyspace.
    ///   - changes: the change log the products are captured in.
    ///   - products: the catalog.
    ///   - storage: the collection layout (`.automatic` detects it from the server).
    ///   - settings: polling and lease of the indexing subscription.
    /// - Throws: ``CassandraVectorSearch/VectorSearchError``, ``CassandraSubscriptions/SubscriptionError``.
    init(session: Session, keyspace: String, changes: ChangeLog, products: ProductService, storage: VectorStorageMode,
         settings: NotificationService.Settings) async throws {
        let embedder = CachingEmbeddingProvider(try HashingEmbedder(dimensions: Self.dimensions))
        let collection = try await VectorCollection.create(
            session: session, keyspace: keyspace, table: "product_embeddings", embedder: embedder, storage: storage)
        let subscription = try changes.subscribe(
            name: Self.subscriptionName, table: Product.schema.table, operations: [.insert, .update],
            where: ["last_stock_change": ["$eq": .null]], configuration: settings.configuration)
        self.collection = collection
        self.products = products
        indexer = BackgroundSubscription(subscription, restartDelay: settings.restartDelay) { event in
            guard let id = event.key["id"]?.uuidValue else {
                throw APIError(.internal, "change \(event.id) of products has no id")
            }
            try await Self.index(try await products.get(id), in: collection)
        }
    }

    /// Starts the indexer.
    /// - Parameter logger: where failures are logged.
    func start(logger: Logger) { indexer.start(logger: logger) }

    /// Stops the indexer.
    func stop() async { await indexer.stop() }

    /// Products similar to `productID`, excluding itself.
    /// - Parameters:
    ///   - productID: the product.
    ///   - limit: at most this many (1 to 50).
    ///   - minimumSimilarity: drop matches below this (0 to 1), if given.
    ///   - sameCategory: only products of the same category.
    /// - Returns: the matches, most similar first.
    /// - Throws: ``APIError/Code/notFound``, ``APIError/Code/validationFailed``.
    public func similar(to productID: UUID, limit: Int, minimumSimilarity: Float?, sameCategory: Bool) async throws -> [ProductMatch] {
        let limit = try Validation.integer(limit, field: "limit", in: 1...50)
        let product = try await products.get(productID)
        let matches = try await matches(
            Self.text(of: product), limit: limit + 1, minimumSimilarity: minimumSimilarity,
            category: sameCategory ? product.category : nil)
        return Array(matches.filter { $0.productId != productID }.prefix(limit))
    }

    /// Products whose text is similar to `query`.
    /// - Parameters:
    ///   - query: the text (must contain a word).
    ///   - limit: at most this many (1 to 50).
    ///   - minimumSimilarity: drop matches below this (0 to 1), if given.
    ///   - category: only this category, if given.
    /// - Returns: the matches, most similar first.
    /// - Throws: ``APIError/Code/validationFailed``.
    public func search(_ query: String, limit: Int, minimumSimilarity: Float?, category: String?) async throws -> [ProductMatch] {
        let limit = try Validation.integer(limit, field: "limit", in: 1...50)
        let category = try category.map { try Validation.category($0, field: "category") }
        let text = try Validation.text(query, field: "q", maxLength: 500)
        // The embedder hashes words (runs of letters and digits); a text without any has no embedding.
        guard text.contains(where: { $0.isLetter || $0.isNumber }) else {
            throw APIError(.validationFailed, "the query must contain a word", field: "q")
        }
        return try await matches(text, limit: limit,
                                 minimumSimilarity: minimumSimilarity, category: category)
    }

    /// The collection's matches for `text`, as products.
    private func matches(_ text: String, limit: Int, minimumSimilarity: Float?, category: String?) async throws -> [ProductMatch] {
        if let minimumSimilarity, !(0...1).contains(minimumSimilarity) {
            throw APIError(.validationFailed, "minScore must be between 0 and 1", field: "minScore")
        }
        let results = try await collection.search(
            text: text, limit: limit, minimumSimilarity: minimumSimilarity, metadata: category.map { ["category": $0] } ?? [:])
        return results.compactMap { result in
            guard let id = UUID(uuidString: result.id) else { return nil }
            return ProductMatch(
                productId: id, name: result.metadata["name"] ?? "", category: result.metadata["category"] ?? "",
                similarity: result.similarity)
        }
    }

    /// Upserts a product's document (idempotent).
    /// - Parameters:
    ///   - product: the product.
    ///   - collection: the collection.
    /// - Throws: ``CassandraVectorSearch/VectorSearchError``.
    static func index(_ product: Product, in collection: VectorCollection) async throws {
        try await collection.upsert(
            id: product.id.uuidString.lowercased(), content: text(of: product),
            metadata: ["name": product.name, "category": product.category])
    }

    /// The text embedded for a product.
    static func text(of product: Product) -> String {
        "\(product.name). \(product.category). \(product.description)"
    }
}
