/// One hit of a similarity search.
public struct VectorSearchResult: Sendable, Hashable {
    /// The document's id.
    public var id: String
    /// The document's text.
    public var content: String
    /// The document's metadata.
    public var metadata: [String: String]
    /// The similarity of the document's stored embedding to the query vector, computed with
    /// the collection's ``SimilarityFunction`` (Cassandra's 0 … 1 scaling; larger is closer).
    public var similarity: Float

    /// Creates a result.
    /// - Parameters:
    ///   - id: the document id.
    ///   - content: the text.
    ///   - metadata: the metadata.
    ///   - similarity: the similarity to the query.
    public init(id: String, content: String, metadata: [String: String], similarity: Float) {
        self.id = id
        self.content = content
        self.metadata = metadata
        self.similarity = similarity
    }
}
