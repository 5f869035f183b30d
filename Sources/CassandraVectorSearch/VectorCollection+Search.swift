import CassandraDriver
import CQLProtocol

extension VectorCollection {
    /// The documents most similar to a vector.
    ///
    /// Returns, best first, up to `limit` documents that have every entry of `metadata` and a
    /// similarity of at least `minimumSimilarity` (see the type's *Search semantics*).
    /// - Parameters:
    ///   - vector: the query vector (the collection's dimensions).
    ///   - limit: the most results to return, 1 … ``maximumLimit``.
    ///   - minimumSimilarity: drop results less similar than this (Cassandra's 0 … 1 scale).
    ///   - metadata: entries a document must have (equality on each key); empty: no filter.
    /// - Returns: the results, by descending similarity, ties by id.
    /// - Throws: ``VectorSearchError/Code/dimensionMismatch``, ``VectorSearchError/Code/invalidVector``,
    ///   ``VectorSearchError/Code/invalidArgument`` (limit or threshold out of range),
    ///   ``VectorSearchError/Code/driver``, ``VectorSearchError/Code/corruptEmbedding``.
    public func search(vector: [Float], limit: Int = 10, minimumSimilarity: Float? = nil,
                       metadata: [String: String] = [:]) async throws -> [VectorSearchResult] {
        try validate(vector: vector, what: "query vector")
        guard (1...Self.maximumLimit).contains(limit) else {
            throw VectorSearchError(.invalidArgument, "limit must be between 1 and \(Self.maximumLimit), got \(limit)", collection: name)
        }
        if let minimumSimilarity, !minimumSimilarity.isFinite {
            throw VectorSearchError(.invalidArgument, "minimumSimilarity must be a finite number", collection: name)
        }
        var selector = TopKSelector(k: limit)
        let offer = { (selector: inout TopKSelector, document: VectorDocument) throws(VectorSearchError) in
            let score = try similarity.score(vector, document.embedding)
            if let minimumSimilarity, score < minimumSimilarity { return }
            selector.offer(VectorSearchResult(id: document.id, content: document.content, metadata: document.metadata, similarity: score))
        }
        switch storage {
        case .native:
            for document in try await nearestNeighbours(of: vector, limit: limit, metadata: metadata) {
                try offer(&selector, document)
            }
        case .fallback:
            let scan = try await driver {
                let prepared = try await session.prepare(cql.scan)
                var bound = try prepared.bind()
                bound.options.pageSize = max(1, scanPageSize)
                return session.rows(bound)
            }
            var rows = scan.makeAsyncIterator()
            while let row = try await driver({ try await rows.next() }) {
                let document = try decode(row)
                guard metadata.allSatisfy({ document.metadata[$0.key] == $0.value }) else { continue }
                try offer(&selector, document)
            }
        }
        return selector.results
    }

    /// The documents most similar to a text, embedded with the collection's ``embedder``.
    /// - Parameters:
    ///   - text: the query text.
    ///   - limit: the most results to return, 1 … ``maximumLimit``.
    ///   - minimumSimilarity: drop results less similar than this.
    ///   - metadata: entries a document must have.
    /// - Returns: the results, by descending similarity, ties by id.
    /// - Throws: ``VectorSearchError/Code/invalidArgument`` without an embedder,
    ///   ``VectorSearchError/Code/providerFailed``, and the errors of
    ///   ``search(vector:limit:minimumSimilarity:metadata:)``.
    public func search(text: String, limit: Int = 10, minimumSimilarity: Float? = nil,
                       metadata: [String: String] = [:]) async throws -> [VectorSearchResult] {
        let vector = try await embed([text])[0]
        return try await search(vector: vector, limit: limit, minimumSimilarity: minimumSimilarity, metadata: metadata)
    }

    /// The server's ANN answer: the `limit` nearest documents having every metadata entry.
    private func nearestNeighbours(of vector: [Float], limit: Int, metadata: [String: String]) async throws -> [VectorDocument] {
        let filters = metadata.sorted { $0.key < $1.key }
        var values: [any CQLEncodable & Sendable] = []
        for (key, value) in filters { values += [key, value] }
        values += [vector, Int32(limit)]
        let rows = try await driver {
            let prepared = try await session.prepare(cql.annSearch(filterCount: filters.count))
            var bound = try prepared.bind(values: values)
            bound.options.pageSize = Int32(limit)
            var rows: [Row] = []
            for try await row in session.rows(bound) { rows.append(row) }
            return rows
        }
        return try rows.map(decode)
    }
}
