/// The one error type of ``CassandraVectorSearch``: a ``Code`` to switch on plus context.
///
/// ```swift
/// do {
///     try await collection.upsert(VectorDocument(id: "a", content: "…", embedding: vector))
/// } catch let error as VectorSearchError where error.code == .dimensionMismatch {
///     // error.expectedDimensions / error.actualDimensions say what went wrong
/// }
/// ```
///
/// ``description`` never contains document content or vectors; the cause is in ``underlying``.
public struct VectorSearchError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong; extensible without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case dimensionMismatch, invalidIdentifier, invalidArgument, invalidVector, unsupportedSimilarity
            case nativeVectorsUnsupported, schemaMismatch, corruptEmbedding, providerFailed, driver, schemaAgreementTimeout
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A vector does not have the collection's (or the provider's) number of dimensions.
        public static let dimensionMismatch = Code(.dimensionMismatch)
        /// A keyspace or table name is not a valid unquoted CQL identifier.
        public static let invalidIdentifier = Code(.invalidIdentifier)
        /// The caller passed something unusable (an empty id, a limit out of range, …).
        public static let invalidArgument = Code(.invalidArgument)
        /// A vector has a NaN or infinite component, or is all zeros where cosine similarity
        /// needs a direction.
        public static let invalidVector = Code(.invalidVector)
        /// A similarity function name is not `cosine`, `dot_product` or `euclidean`.
        public static let unsupportedSimilarity = Code(.unsupportedSimilarity)
        /// ``VectorStorageMode/native`` was requested but the server has no `vector` type and
        /// storage-attached indexes (Cassandra before 5.0); use ``VectorStorageMode/automatic``
        /// or ``VectorStorageMode/fallback``.
        public static let nativeVectorsUnsupported = Code(.nativeVectorsUnsupported)
        /// The table exists with a different layout than requested (other dimensions, other
        /// storage mode, other similarity function, missing columns).
        public static let schemaMismatch = Code(.schemaMismatch)
        /// A stored embedding could not be decoded (wrong length for the collection's dimensions).
        public static let corruptEmbedding = Code(.corruptEmbedding)
        /// The ``EmbeddingProvider`` failed or returned unusable vectors; its error is in
        /// ``VectorSearchError/underlying``.
        public static let providerFailed = Code(.providerFailed)
        /// The driver failed; the ``CassandraDriver/CassandraError`` is in ``VectorSearchError/underlying``.
        public static let driver = Code(.driver)
        /// Nodes did not agree on the schema after creating the collection's table.
        public static let schemaAgreementTimeout = Code(.schemaAgreementTimeout)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// An explanation that names the fix; never contains document content or vectors.
    public var message: String
    /// The `keyspace.table` of the collection involved, if any.
    public var collection: String?
    /// The document id involved, if any.
    public var documentID: String?
    /// For ``Code/dimensionMismatch``: the dimensions expected.
    public var expectedDimensions: Int?
    /// For ``Code/dimensionMismatch``: the dimensions found.
    public var actualDimensions: Int?
    /// For an HTTP ``EmbeddingProvider`` failure: the response status.
    public var httpStatus: Int?
    /// The lower-level error, if any.
    public var underlying: (any Error & Sendable)?

    /// Creates an error.
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - message: an explanation that names the fix.
    ///   - collection: the `keyspace.table` involved.
    ///   - documentID: the document id involved.
    ///   - underlying: the cause.
    public init(_ code: Code, _ message: String, collection: String? = nil, documentID: String? = nil,
                underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.collection = collection
        self.documentID = documentID
        self.underlying = underlying
    }

    /// A ``Code/dimensionMismatch``: a vector of `actual` dimensions where `expected` are needed.
    /// - Parameters:
    ///   - expected: the dimensions needed.
    ///   - actual: the dimensions found.
    ///   - what: what the vector is, for the message ("query vector", "embedding", …).
    ///   - collection: the `keyspace.table` involved.
    ///   - documentID: the document id involved.
    /// - Returns: the error.
    public static func dimensionMismatch(expected: Int, actual: Int, what: String, collection: String? = nil,
                                         documentID: String? = nil) -> VectorSearchError {
        var error = VectorSearchError(
            .dimensionMismatch, "\(what) has \(actual) dimensions, expected \(expected)",
            collection: collection, documentID: documentID)
        error.expectedDimensions = expected
        error.actualDimensions = actual
        return error
    }

    /// `code: message`, with the collection and document id; no content or vectors.
    public var description: String {
        var text = "VectorSearchError.\(code): \(message)"
        if let collection { text += " (collection: \(collection))" }
        if let documentID { text += " (document: \(documentID))" }
        return text
    }

    /// The description plus the cause.
    public var debugDescription: String {
        guard let underlying else { return description }
        return description + "; underlying: \(String(reflecting: underlying))"
    }
}
