@testable import CassandraVectorSearch
import Synchronization
import XCTest

/// A provider that records the batches it is asked for and embeds with a ``HashingEmbedder``.
private final class RecordingProvider: EmbeddingProvider {
    let embedder: HashingEmbedder
    let batches = Mutex<[[String]]>([])
    let dropLast: Bool

    init(dimensions: Int, dropLast: Bool = false) throws {
        embedder = try HashingEmbedder(dimensions: dimensions)
        self.dropLast = dropLast
    }

    var dimensions: Int { embedder.dimensions }

    func embed(_ texts: [String]) async throws -> [[Float]] {
        batches.withLock { $0.append(texts) }
        let vectors = try await embedder.embed(texts)
        return dropLast ? Array(vectors.dropLast()) : vectors
    }
}

final class CachingEmbeddingProviderTests: XCTestCase {
    func testOnlyDistinctMissingTextsReachTheWrappedProviderInOneBatch() async throws {
        let base = try RecordingProvider(dimensions: 32)
        let cache = CachingEmbeddingProvider(base, capacity: 100)
        XCTAssertEqual(cache.dimensions, 32)
        let first = try await cache.embed(["a b", "c d", "a b"])
        let firstExpected = try await base.embedder.embed(["a b", "c d", "a b"])
        XCTAssertEqual(first, firstExpected)
        let second = try await cache.embed(["c d", "e f", "a b"])
        let secondExpected = try await base.embedder.embed(["c d", "e f", "a b"])
        XCTAssertEqual(second, secondExpected)
        XCTAssertEqual(base.batches.withLock { $0 }, [["a b", "c d"], ["e f"]])
        XCTAssertEqual(cache.statistics, .init(hits: 2, misses: 3, count: 3))
        _ = try await cache.embed("a b")
        XCTAssertEqual(base.batches.withLock { $0 }.count, 2)
    }

    func testFullCacheEvictsTheLeastRecentlyUsed() async throws {
        let base = try RecordingProvider(dimensions: 8)
        let cache = CachingEmbeddingProvider(base, capacity: 4)
        _ = try await cache.embed(["w1", "w2", "w3", "w4"])
        _ = try await cache.embed(["w1"])                 // w1 is now the most recently used
        _ = try await cache.embed(["w5"])                 // 5 > 4: keeps the 3 most recent (w5, w1, w4)
        XCTAssertEqual(cache.statistics.count, 3)
        _ = try await cache.embed(["w1", "w4", "w5"])
        XCTAssertEqual(base.batches.withLock { $0 }.count, 2, "w1, w4 and w5 stayed cached")
        _ = try await cache.embed(["w2"])
        XCTAssertEqual(base.batches.withLock { $0 }.last, ["w2"])
    }

    func testAProviderReturningTooFewVectorsFails() async throws {
        let cache = CachingEmbeddingProvider(try RecordingProvider(dimensions: 8, dropLast: true))
        do {
            _ = try await cache.embed(["x", "y"])
            XCTFail("the short answer was accepted")
        } catch let error as VectorSearchError {
            XCTAssertEqual(error.code, .providerFailed)
        }
        XCTAssertEqual(cache.statistics.count, 0)
    }
}
