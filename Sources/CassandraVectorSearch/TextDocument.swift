/// A document to be embedded by the collection's ``EmbeddingProvider`` before it is stored
/// (see ``VectorCollection/upsert(texts:)``).
public struct TextDocument: Sendable, Hashable {
    /// The document's id (non-empty).
    public var id: String
    /// The text; it is also what gets embedded.
    public var content: String
    /// String metadata.
    public var metadata: [String: String]

    /// Creates a text document.
    /// - Parameters:
    ///   - id: the id (non-empty).
    ///   - content: the text to store and embed.
    ///   - metadata: string metadata.
    public init(id: String, content: String, metadata: [String: String] = [:]) {
        self.id = id
        self.content = content
        self.metadata = metadata
    }
}
