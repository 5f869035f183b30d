import Synchronization

/// Wraps an ``EmbeddingProvider`` with an in-memory cache keyed by text, so repeated texts
/// (popular queries, re-indexed documents) are embedded once.
///
/// A batch asks the wrapped provider only for the distinct texts it has not cached, in one
/// call. The cache holds at most ``capacity`` vectors; when it is full, the least recently
/// used quarter is evicted at once (amortised O(log n) per insertion). Concurrent batches may
/// embed the same missing text twice; both get the same vector from a deterministic provider.
///
/// ```swift
/// let embedder = CachingEmbeddingProvider(try HashingEmbedder(dimensions: 256), capacity: 10_000)
/// ```
public final class CachingEmbeddingProvider<Base: EmbeddingProvider>: EmbeddingProvider {
    /// Cache hit and miss counts since creation.
    public struct Statistics: Sendable, Hashable {
        /// Texts answered from the cache.
        public var hits: Int
        /// Texts sent to the wrapped provider.
        public var misses: Int
        /// Vectors currently cached.
        public var count: Int
    }

    private struct Entry {
        var vector: [Float]
        var lastUse: UInt64
    }

    private struct Cache {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    /// The wrapped provider.
    public let base: Base
    /// The maximum number of cached vectors.
    public let capacity: Int
    private let cache = Mutex(Cache())

    /// Creates a caching wrapper.
    /// - Parameters:
    ///   - base: the provider to cache.
    ///   - capacity: the maximum number of cached vectors (at least 1).
    public init(_ base: Base, capacity: Int = 10_000) {
        self.base = base
        self.capacity = max(1, capacity)
    }

    /// The wrapped provider's dimensions.
    public var dimensions: Int { base.dimensions }

    /// Hit and miss counts and the cache size.
    public var statistics: Statistics {
        cache.withLock { Statistics(hits: $0.hits, misses: $0.misses, count: $0.entries.count) }
    }

    /// Embeds texts, asking the wrapped provider only for those not cached.
    /// - Parameter texts: the texts.
    /// - Returns: one vector per text, in order.
    /// - Throws: the wrapped provider's error, or ``VectorSearchError/Code/providerFailed`` when
    ///   it returns the wrong number of vectors.
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        var results = [[Float]?](repeating: nil, count: texts.count)
        let missing: [String] = cache.withLock { cache in
            var missing: [String] = []
            var seen = Set<String>()
            for (position, text) in texts.enumerated() {
                cache.clock += 1
                if let entry = cache.entries[text] {
                    cache.entries[text]!.lastUse = cache.clock
                    results[position] = entry.vector
                    cache.hits += 1
                } else if seen.insert(text).inserted {
                    missing.append(text)
                    cache.misses += 1
                }
            }
            return missing
        }
        guard !missing.isEmpty else { return results.map { $0! } }
        let vectors = try await base.embed(missing)
        guard vectors.count == missing.count else {
            throw VectorSearchError(.providerFailed, "the embedding provider returned \(vectors.count) vectors for \(missing.count) texts")
        }
        let embedded = Dictionary(uniqueKeysWithValues: zip(missing, vectors))
        cache.withLock { cache in
            for (text, vector) in zip(missing, vectors) {
                cache.clock += 1
                cache.entries[text] = Entry(vector: vector, lastUse: cache.clock)
            }
            if cache.entries.count > capacity {
                let keep = max(1, capacity - capacity / 4)
                let byRecency = cache.entries.sorted { $0.value.lastUse > $1.value.lastUse }
                cache.entries = Dictionary(uniqueKeysWithValues: byRecency.prefix(keep).map { ($0.key, $0.value) })
            }
        }
        return texts.indices.map { results[$0] ?? embedded[texts[$0]]! }
    }
}
