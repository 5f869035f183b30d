import CassandraDriver
import CQLProtocol

/// A Cassandra table of documents with embeddings, searchable by similarity.
///
/// ```swift
/// let embedder = try HashingEmbedder(dimensions: 256)
/// let articles = try await VectorCollection.create(session: session, keyspace: "kb", table: "articles", embedder: embedder)
/// try await articles.upsert(texts: [TextDocument(id: "a1", content: "How to repot a cactus", metadata: ["lang": "en"])])
/// let hits = try await articles.search(text: "cactus care", limit: 5, minimumSimilarity: 0.6, metadata: ["lang": "en"])
/// ```
///
/// ## Storage
/// On Cassandra 5.0+ (and the embedded server) the ``VectorStorage/native`` layout stores a
/// `vector<float, n>` with a storage-attached index and searches with
/// `ORDER BY embedding ANN OF ? LIMIT k`. Older servers get the ``VectorStorage/fallback``
/// layout: a `blob` of packed Float32 values and an exact, paged client-side scan. Both give
/// the same API and the same result semantics; ``VectorStorageMode`` picks one.
///
/// ## Search semantics
/// A search returns, best first, up to `limit` documents that have every requested metadata
/// entry and a ``VectorSearchResult/similarity`` of at least `minimumSimilarity`, ranked by
/// similarity (ties by id). In the native layout the metadata filter runs inside the ANN query
/// (through the SAI index on `entries(metadata)`), so the server returns the `limit` nearest
/// *matching* documents; the similarity threshold then only cuts the tail of that ranked list,
/// so no matching document above the threshold is missed because of filtering. Similarities
/// are always computed on the client from the stored embedding, with the same code in both
/// layouts. Cassandra's ANN index is approximate (recall below 1 on large tables); the
/// fallback scan and the embedded server are exact.
public struct VectorCollection: Sendable {
    /// The session the collection uses.
    public let session: Session
    /// The keyspace holding the table.
    public let keyspace: String
    /// The table name.
    public let table: String
    /// The number of components of every embedding.
    public let dimensions: Int
    /// How embeddings are compared.
    public let similarity: SimilarityFunction
    /// How embeddings are stored.
    public let storage: VectorStorage
    /// The provider that embeds texts, if any (needed by the text APIs).
    public let embedder: (any EmbeddingProvider)?
    /// Rows per page of the fallback scan (values below 1 count as 1).
    public var scanPageSize: Int32 = 500
    /// How many writes ``upsert(_:)-([VectorDocument])`` keeps in flight (values below 1 count as 1).
    public var maximumConcurrentWrites = 16
    /// The largest `limit` a search accepts (Cassandra's cap on ANN queries).
    public static let maximumLimit = 1_000

    let cql: VectorTableCQL

    /// A collection handle over an existing table; no request is sent. Prefer
    /// ``create(session:keyspace:table:dimensions:similarity:storage:embedder:)``, which also
    /// creates the table and checks its layout.
    /// - Parameters:
    ///   - session: a connected session.
    ///   - keyspace: the keyspace.
    ///   - table: the table.
    ///   - dimensions: the embedding dimensions.
    ///   - similarity: the similarity function.
    ///   - storage: the table's layout.
    ///   - embedder: the text embedder; its dimensions must equal `dimensions`.
    /// - Throws: ``VectorSearchError/Code/invalidIdentifier``, ``VectorSearchError/Code/invalidArgument``,
    ///   ``VectorSearchError/Code/dimensionMismatch`` when the embedder has other dimensions.
    public init(session: Session, keyspace: String, table: String, dimensions: Int, similarity: SimilarityFunction = .cosine,
                storage: VectorStorage, embedder: (any EmbeddingProvider)? = nil) throws(VectorSearchError) {
        let cql = try VectorTableCQL(keyspace: keyspace, table: table, dimensions: dimensions, similarity: similarity, storage: storage)
        if let embedder, embedder.dimensions != dimensions {
            throw .dimensionMismatch(expected: dimensions, actual: embedder.dimensions, what: "the embedding provider",
                                     collection: "\(keyspace).\(table)")
        }
        self.session = session
        self.keyspace = keyspace
        self.table = table
        self.dimensions = dimensions
        self.similarity = similarity
        self.storage = storage
        self.embedder = embedder
        self.cql = cql
    }

    /// `keyspace.table`, for errors.
    var name: String { "\(keyspace).\(table)" }

    /// Stores a document, replacing any with the same id.
    /// - Parameter document: the document.
    /// - Throws: ``VectorSearchError/Code/invalidArgument`` (empty id),
    ///   ``VectorSearchError/Code/dimensionMismatch``, ``VectorSearchError/Code/invalidVector``,
    ///   ``VectorSearchError/Code/driver``.
    public func upsert(_ document: VectorDocument) async throws {
        try validate(document)
        let insert = try await driver { try await session.prepare(cql.insert) }
        try await write(document, with: insert)
    }

    /// Stores documents, replacing those with the same ids; up to
    /// ``maximumConcurrentWrites`` writes run at once (one partition each, so no batch).
    /// Every document is validated before the first write. Not atomic: when a write fails,
    /// others may have been stored; retrying is safe (upserts are idempotent).
    /// - Parameter documents: the documents.
    /// - Throws: the errors of ``upsert(_:)-(VectorDocument)``.
    public func upsert(_ documents: [VectorDocument]) async throws {
        guard !documents.isEmpty else { return }
        for document in documents { try validate(document) }
        let insert = try await driver { try await session.prepare(cql.insert) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = documents.startIndex
            while next < documents.endIndex, next < max(1, maximumConcurrentWrites) {
                let document = documents[next]
                group.addTask { try await write(document, with: insert) }
                next += 1
            }
            while try await group.next() != nil, next < documents.endIndex {
                let document = documents[next]
                group.addTask { try await write(document, with: insert) }
                next += 1
            }
            try await group.waitForAll()
        }
    }

    /// Embeds the texts with the collection's ``embedder`` (one batch call) and stores them.
    /// - Parameter texts: the documents.
    /// - Throws: ``VectorSearchError/Code/invalidArgument`` without an embedder,
    ///   ``VectorSearchError/Code/providerFailed``, and the errors of ``upsert(_:)-([VectorDocument])``.
    public func upsert(texts: [TextDocument]) async throws {
        guard !texts.isEmpty else { return }
        for text in texts where text.id.isEmpty { throw VectorSearchError(.invalidArgument, "a document id must not be empty", collection: name) }
        let embeddings = try await embed(texts.map(\.content))
        try await upsert(zip(texts, embeddings).map { text, embedding in
            VectorDocument(id: text.id, content: text.content, metadata: text.metadata, embedding: embedding)
        })
    }

    /// Embeds `content` with the collection's ``embedder`` and stores the document.
    /// - Parameters:
    ///   - id: the id (non-empty).
    ///   - content: the text to store and embed.
    ///   - metadata: string metadata.
    /// - Throws: the errors of ``upsert(texts:)``.
    public func upsert(id: String, content: String, metadata: [String: String] = [:]) async throws {
        try await upsert(texts: [TextDocument(id: id, content: content, metadata: metadata)])
    }

    /// Reads a document.
    /// - Parameter id: the id.
    /// - Returns: the document, or `nil` when there is none with that id.
    /// - Throws: ``VectorSearchError/Code/driver``, ``VectorSearchError/Code/corruptEmbedding``.
    public func get(_ id: String) async throws -> VectorDocument? {
        let result = try await driver {
            let select = try await session.prepare(cql.selectByID)
            return try await session.execute(select, id)
        }
        guard let row = result.first else { return nil }
        return try decode(row)
    }

    /// Deletes a document; deleting a missing id is not an error.
    /// - Parameter id: the id.
    /// - Throws: ``VectorSearchError/Code/driver``.
    public func delete(_ id: String) async throws {
        try await driver {
            let delete = try await session.prepare(cql.delete)
            _ = try await session.execute(delete, id)
        }
    }

    private func write(_ document: VectorDocument, with insert: PreparedStatement) async throws {
        let embedding: any CQLEncodable & Sendable = switch storage {
        case .native: document.embedding
        case .fallback: PackedVector.pack(document.embedding)
        }
        try await driver {
            var bound = try insert.bind(document.id, document.content, document.metadata, embedding)
            bound.options.isIdempotent = true
            _ = try await session.execute(bound)
        }
    }

    /// Checks a document before writing it.
    func validate(_ document: VectorDocument) throws(VectorSearchError) {
        guard !document.id.isEmpty else { throw VectorSearchError(.invalidArgument, "a document id must not be empty", collection: name) }
        try validate(vector: document.embedding, what: "embedding", documentID: document.id)
    }

    /// Checks a vector's dimensions and components (finite; not near-zero for cosine, which
    /// Cassandra also refuses to index or query).
    func validate(vector: [Float], what: String, documentID: String? = nil) throws(VectorSearchError) {
        guard vector.count == dimensions else {
            throw .dimensionMismatch(expected: dimensions, actual: vector.count, what: what, collection: name, documentID: documentID)
        }
        guard vector.allSatisfy(\.isFinite) else {
            throw VectorSearchError(.invalidVector, "\(what) has a NaN or infinite component", collection: name, documentID: documentID)
        }
        // Cassandra's rule (VectorValidation): every component within ±1e-6 is "effectively zero".
        if similarity == .cosine, vector.allSatisfy({ abs($0) <= 1e-6 }) {
            throw VectorSearchError(.invalidVector,
                                    "\(what) is zero or near-zero (every component within ±1e-6), which has no cosine similarity",
                                    collection: name, documentID: documentID)
        }
    }

    /// Embeds texts with ``embedder``, checking what it returns.
    func embed(_ texts: [String]) async throws -> [[Float]] {
        guard let embedder else {
            throw VectorSearchError(.invalidArgument, "the collection has no embedding provider; pass one to create(…) or store vectors",
                                    collection: name)
        }
        let vectors: [[Float]]
        do {
            vectors = try await embedder.embed(texts)
        } catch {
            throw VectorSearchError(.providerFailed, "the embedding provider failed; see underlying", collection: name, underlying: error)
        }
        guard vectors.count == texts.count else {
            throw VectorSearchError(.providerFailed, "the embedding provider returned \(vectors.count) vectors for \(texts.count) texts",
                                    collection: name)
        }
        for vector in vectors where vector.count != dimensions {
            var error = VectorSearchError.dimensionMismatch(expected: dimensions, actual: vector.count, what: "a provider's vector", collection: name)
            error = VectorSearchError(.providerFailed, error.message, collection: name, underlying: error)
            throw error
        }
        return vectors
    }

    /// Decodes a row of `id, content, metadata, embedding`.
    func decode(_ row: Row) throws -> VectorDocument {
        let (id, content, metadata) = try driver {
            (try row[0, as: String.self], try row[1, as: String?.self] ?? "", try row[2, as: [String: String]?.self] ?? [:])
        }
        return VectorDocument(id: id, content: content, metadata: metadata, embedding: try embedding(of: row, id: id))
    }

    /// The stored embedding of a row (column 3).
    func embedding(of row: Row, id: String) throws -> [Float] {
        switch storage {
        case .native:
            let vector = try driver { try row[3, as: [Float]?.self] }
            guard let vector, vector.count == dimensions else {
                throw VectorSearchError(.corruptEmbedding, "the stored embedding is missing or has the wrong dimensions",
                                        collection: name, documentID: id)
            }
            return vector
        case .fallback:
            guard let bytes = row.bytes(at: 3), let vector = PackedVector.unpack(bytes, dimensions: dimensions) else {
                throw VectorSearchError(.corruptEmbedding,
                                        "the stored embedding blob is missing or not \(dimensions * 4) bytes (\(dimensions) packed Float32)",
                                        collection: name, documentID: id)
            }
            return vector
        }
    }

    /// Runs `body`, wrapping driver errors as ``VectorSearchError/Code/driver``.
    func driver<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as VectorSearchError {
            throw error
        } catch {
            throw VectorSearchError(.driver, "the driver failed; see underlying", collection: name, underlying: error)
        }
    }

    /// Runs `body`, wrapping driver errors as ``VectorSearchError/Code/driver``.
    func driver<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as VectorSearchError {
            throw error
        } catch {
            throw VectorSearchError(.driver, "the driver failed; see underlying", collection: name, underlying: error)
        }
    }
}
