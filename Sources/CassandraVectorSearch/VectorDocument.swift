/// A document of a ``VectorCollection``: an id, its text, string metadata and its embedding.
public struct VectorDocument: Sendable, Hashable {
    /// The document's id (non-empty), the table's primary key.
    public var id: String
    /// The document's text.
    public var content: String
    /// String metadata; search can filter on equality of entries.
    public var metadata: [String: String]
    /// The embedding: as many components as the collection has dimensions.
    public var embedding: [Float]

    /// Creates a document.
    /// - Parameters:
    ///   - id: the id (non-empty).
    ///   - content: the text.
    ///   - metadata: string metadata.
    ///   - embedding: the embedding.
    public init(id: String, content: String, metadata: [String: String] = [:], embedding: [Float]) {
        self.id = id
        self.content = content
        self.metadata = metadata
        self.embedding = embedding
    }
}
