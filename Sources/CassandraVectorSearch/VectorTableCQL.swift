/// The CQL a ``VectorCollection`` runs, for one table and storage layout. Pure: builds text
/// only; every value is a bind marker.
///
/// Columns: `id text PRIMARY KEY, content text, metadata map<text, text>` plus `embedding`,
/// a `vector<float, n>` (native) or a `blob` (fallback). The native layout adds two
/// storage-attached indexes: one on `embedding` with the similarity function, one on
/// `entries(metadata)` so metadata equality filters run inside the ANN query.
struct VectorTableCQL: Sendable {
    /// The keyspace, as given.
    let keyspace: String
    /// The table, as given.
    let table: String
    /// `"keyspace"."table"`.
    let qualifiedTable: String
    /// The embedding's dimensions.
    let dimensions: Int
    /// The similarity function of the vector index.
    let similarity: SimilarityFunction
    /// The layout.
    let storage: VectorStorage

    /// Validates the names and dimensions.
    /// - Throws: ``VectorSearchError/Code/invalidIdentifier``, ``VectorSearchError/Code/invalidArgument``.
    init(keyspace: String, table: String, dimensions: Int, similarity: SimilarityFunction, storage: VectorStorage) throws(VectorSearchError) {
        guard dimensions >= 1 else { throw VectorSearchError(.invalidArgument, "a collection needs at least 1 dimension, got \(dimensions)") }
        self.keyspace = keyspace
        self.table = table
        self.qualifiedTable = "\(try CQLName.quoted(keyspace, what: "keyspace")).\(try CQLName.quoted(table, what: "table"))"
        self.dimensions = dimensions
        self.similarity = similarity
        self.storage = storage
    }

    /// The CQL type of the `embedding` column.
    var embeddingType: String {
        switch storage {
        case .native: "vector<float, \(dimensions)>"
        case .fallback: "blob"
        }
    }

    /// The name of the vector index (native layout).
    var embeddingIndexName: String { "\(table)_embedding_idx" }
    /// The name of the metadata entries index (native layout).
    var metadataIndexName: String { "\(table)_metadata_idx" }

    /// `CREATE TABLE IF NOT EXISTS …` then, for the native layout, the two indexes.
    var createStatements: [String] {
        var statements = [
            "CREATE TABLE IF NOT EXISTS \(qualifiedTable) (id text PRIMARY KEY, content text, metadata map<text, text>, embedding \(embeddingType))",
        ]
        if storage == .native {
            statements.append("""
                CREATE CUSTOM INDEX IF NOT EXISTS "\(embeddingIndexName)" ON \(qualifiedTable) (embedding) \
                USING 'StorageAttachedIndex' WITH OPTIONS = {'similarity_function': '\(similarity.cqlName)'}
                """)
            statements.append("""
                CREATE CUSTOM INDEX IF NOT EXISTS "\(metadataIndexName)" ON \(qualifiedTable) (entries(metadata)) \
                USING 'StorageAttachedIndex'
                """)
        }
        return statements
    }

    /// Upserts one document: binds id, content, metadata, embedding.
    var insert: String { "INSERT INTO \(qualifiedTable) (id, content, metadata, embedding) VALUES (?, ?, ?, ?)" }

    /// Reads one document: binds id.
    var selectByID: String { "SELECT id, content, metadata, embedding FROM \(qualifiedTable) WHERE id = ?" }

    /// Deletes one document: binds id.
    var delete: String { "DELETE FROM \(qualifiedTable) WHERE id = ?" }

    /// Reads every document, for the fallback scan (paged by the driver).
    var scan: String { "SELECT id, content, metadata, embedding FROM \(qualifiedTable)" }

    /// The native ANN query: binds, in order, key and value of each of `filterCount` metadata
    /// entries, the query vector, then the limit.
    func annSearch(filterCount: Int) -> String {
        let filters = Array(repeating: "metadata[?] = ?", count: filterCount)
        let whereClause = filters.isEmpty ? "" : " WHERE " + filters.joined(separator: " AND ")
        return "SELECT id, content, metadata, embedding FROM \(qualifiedTable)\(whereClause) ORDER BY embedding ANN OF ? LIMIT ?"
    }
}
