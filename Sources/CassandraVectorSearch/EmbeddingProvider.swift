/// Turns texts into embedding vectors of a fixed number of dimensions.
///
/// Implementations must return one vector of ``dimensions`` components per input text, in
/// input order. ``VectorCollection`` checks both and reports a provider that breaks them as
/// ``VectorSearchError/Code/providerFailed``.
///
/// ```swift
/// let embedder = try HashingEmbedder(dimensions: 256)
/// let vectors = try await embedder.embed(["red running shoes", "blue trail shoes"])
/// ```
public protocol EmbeddingProvider: Sendable {
    /// The number of components of every vector this provider returns.
    var dimensions: Int { get }

    /// Embeds a batch of texts.
    /// - Parameter texts: the texts.
    /// - Returns: one vector of ``dimensions`` components per text, in the same order.
    /// - Throws: whatever the provider fails with.
    func embed(_ texts: [String]) async throws -> [[Float]]
}

extension EmbeddingProvider {
    /// Embeds one text.
    /// - Parameter text: the text.
    /// - Returns: its vector.
    /// - Throws: what ``embed(_:)-(_:[String])`` throws, or ``VectorSearchError/Code/providerFailed``
    ///   when the provider returns no vector.
    public func embed(_ text: String) async throws -> [Float] {
        let vectors = try await embed([text])
        guard vectors.count == 1 else {
            throw VectorSearchError(.providerFailed, "the embedding provider returned \(vectors.count) vectors for 1 text")
        }
        return vectors[0]
    }
}
