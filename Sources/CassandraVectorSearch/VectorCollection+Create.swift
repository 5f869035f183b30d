import CassandraDriver

extension VectorCollection {
    /// Opens a collection, creating its table (and, in the native layout, its indexes) unless
    /// they exist, then waits for schema agreement. Safe to call on every start.
    ///
    /// An existing table keeps its layout: with ``VectorStorageMode/automatic`` the collection
    /// adopts it; an explicit mode that differs from it is an error. A new table gets the
    /// native layout when the server is Cassandra 5.0 or later (`release_version` in
    /// `system.local`), else the fallback layout.
    /// - Parameters:
    ///   - session: a connected session.
    ///   - keyspace: the (existing) keyspace.
    ///   - table: the table name (a letter, then letters, digits or `_`; at most 48).
    ///   - dimensions: the embedding dimensions.
    ///   - similarity: the similarity function (stored in the native vector index).
    ///   - storage: the storage mode.
    ///   - embedder: the text embedder for ``upsert(texts:)`` and ``search(text:limit:minimumSimilarity:metadata:)``.
    /// - Returns: the collection.
    /// - Throws: ``VectorSearchError/Code/invalidIdentifier``, ``VectorSearchError/Code/dimensionMismatch``,
    ///   ``VectorSearchError/Code/nativeVectorsUnsupported`` (native requested on Cassandra < 5),
    ///   ``VectorSearchError/Code/schemaMismatch`` (the table exists with another layout),
    ///   ``VectorSearchError/Code/driver``, ``VectorSearchError/Code/schemaAgreementTimeout``.
    public static func create(session: Session, keyspace: String, table: String, dimensions: Int,
                              similarity: SimilarityFunction = .cosine, storage: VectorStorageMode = .automatic,
                              embedder: (any EmbeddingProvider)? = nil) async throws -> VectorCollection {
        // Validates names and dimensions before any request.
        var collection = try VectorCollection(session: session, keyspace: keyspace, table: table, dimensions: dimensions,
                                              similarity: similarity, storage: .fallback, embedder: embedder)
        let resolved = try await collection.resolveStorage(storage)
        collection = try VectorCollection(session: session, keyspace: keyspace, table: table, dimensions: dimensions,
                                          similarity: similarity, storage: resolved, embedder: embedder)
        try await collection.createSchema()
        return collection
    }

    /// ``create(session:keyspace:table:dimensions:similarity:storage:embedder:)`` with the
    /// embedder's dimensions.
    /// - Parameters:
    ///   - session: a connected session.
    ///   - keyspace: the (existing) keyspace.
    ///   - table: the table name.
    ///   - embedder: the text embedder; its ``EmbeddingProvider/dimensions`` are the collection's.
    ///   - similarity: the similarity function.
    ///   - storage: the storage mode.
    /// - Returns: the collection.
    /// - Throws: see ``create(session:keyspace:table:dimensions:similarity:storage:embedder:)``.
    public static func create(session: Session, keyspace: String, table: String, embedder: any EmbeddingProvider,
                              similarity: SimilarityFunction = .cosine, storage: VectorStorageMode = .automatic) async throws -> VectorCollection {
        try await create(session: session, keyspace: keyspace, table: table, dimensions: embedder.dimensions,
                         similarity: similarity, storage: storage, embedder: embedder)
    }

    /// The server's `release_version`.
    /// - Parameter session: a connected session.
    /// - Returns: the version text, e.g. `"5.0.2"`.
    /// - Throws: ``VectorSearchError/Code/driver``.
    public static func serverReleaseVersion(session: Session) async throws -> String {
        do {
            let result = try await session.execute("SELECT release_version FROM system.local")
            return try result.first.flatMap { try $0[0, as: String?.self] } ?? ""
        } catch {
            throw VectorSearchError(.driver, "could not read release_version from system.local; see underlying", underlying: error)
        }
    }

    /// Decides the layout: the existing table's, else the requested or detected one.
    private func resolveStorage(_ requested: VectorStorageMode) async throws -> VectorStorage {
        if let existing = try await existingStorage() {
            if requested != .automatic, requested.rawValue != existing.rawValue {
                throw VectorSearchError(.schemaMismatch,
                                        "the table exists with the \(existing) layout, not \(requested); use .automatic or another table",
                                        collection: name)
            }
            return existing
        }
        if requested == .fallback { return .fallback }
        let version = ServerVersion(try await Self.serverReleaseVersion(session: session))
        if version.supportsNativeVectors { return .native }
        if requested == .native {
            throw VectorSearchError(.nativeVectorsUnsupported,
                                    "the server (release \(version.text)) has no vector type or SAI (Cassandra 5.0+); use .automatic or .fallback",
                                    collection: name)
        }
        return .fallback
    }

    /// The layout of the existing table, checked against this collection; `nil` when it does
    /// not exist.
    private func existingStorage() async throws -> VectorStorage? {
        let rows = try await driver {
            let select = try await session.prepare(
                "SELECT column_name, type FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?")
            var types: [String: String] = [:]
            for row in try await session.execute(select, keyspace, table) {
                types[try row[0, as: String.self]] = try row[1, as: String.self]
            }
            return types
        }
        guard !rows.isEmpty else { return nil }
        let normalized = rows.mapValues { $0.lowercased().filter { !$0.isWhitespace } }
        for (column, type) in [("id", "text"), ("content", "text"), ("metadata", "map<text,text>")] where normalized[column] != type {
            throw VectorSearchError(.schemaMismatch,
                                    "the table exists but its column \(column) is \(rows[column] ?? "missing"), not \(type); use another table",
                                    collection: name)
        }
        switch normalized["embedding"] {
        case "blob":
            return .fallback
        case let type? where type.hasPrefix("vector<float,") && type.hasSuffix(">"):
            let actual = Int(type.dropFirst("vector<float,".count).dropLast()) ?? 0
            guard actual == dimensions else {
                throw VectorSearchError.dimensionMismatch(expected: dimensions, actual: actual, what: "the existing table's embedding column", collection: name)
            }
            return .native
        default:
            throw VectorSearchError(.schemaMismatch,
                                    "the table exists but its embedding column is \(rows["embedding"] ?? "missing"), not a vector<float, n> or blob",
                                    collection: name)
        }
    }

    /// Runs the CREATE statements, checks the vector index's similarity function and waits for
    /// schema agreement.
    private func createSchema() async throws {
        try await driver {
            for statement in cql.createStatements { _ = try await session.execute(statement) }
            guard try await session.waitForSchemaAgreement() else {
                throw VectorSearchError(.schemaAgreementTimeout, "nodes did not agree on the collection's schema; check the cluster",
                                        collection: name)
            }
        }
        guard storage == .native else { return }
        let indexes = try await driver {
            let select = try await session.prepare(
                "SELECT index_name, options FROM system_schema.indexes WHERE keyspace_name = ? AND table_name = ?")
            return try await session.execute(select, keyspace, table).map { row in
                (try row[0, as: String.self], try row[1, as: [String: String]?.self] ?? [:])
            }
        }
        guard let index = indexes.first(where: { $0.1["target"].map { $0 == "embedding" || $0 == "\"embedding\"" } ?? false }) else {
            throw VectorSearchError(.schemaMismatch, "the table has no index on its embedding column after creating one; check the server",
                                    collection: name)
        }
        let existing = try SimilarityFunction(cqlName: index.1["similarity_function"] ?? SimilarityFunction.cosine.cqlName)
        guard existing == similarity else {
            throw VectorSearchError(.schemaMismatch,
                                    "the embedding index \(index.0) uses \(existing) similarity, not \(similarity); open it with \(existing)",
                                    collection: name)
        }
    }
}
