@testable import CassandraVectorSearch
import XCTest

final class HashingEmbedderTests: XCTestCase {
    private func cosine(_ left: [Float], _ right: [Float]) throws -> Float {
        try SimilarityFunction.cosine.score(left, right)
    }

    func testHashIsFNV1aThenSplitMixFinaliser() {
        // Reference values: FNV-1a 64 of "" and "a" (the FNV spec's test vectors) and the first
        // output of SplitMix64 seeded with 0 (the finaliser of the golden-ratio increment).
        XCTAssertEqual(HashingEmbedder.fnv1a(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(HashingEmbedder.fnv1a("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(HashingEmbedder.fnv1a("foobar"), 0x8594_4171_f739_67e8)
        XCTAssertEqual(HashingEmbedder.mix(0x9e37_79b9_7f4a_7c15), 0xe220_a839_7b1d_cdaf)
    }

    func testEmbeddingsAreDeterministicUnitLengthAndOfTheRequestedSize() async throws {
        let embedder = try HashingEmbedder(dimensions: 64)
        let first = try embedder.embedding(of: "The quick brown fox")
        let again = try HashingEmbedder(dimensions: 64).embedding(of: "The quick brown fox")
        XCTAssertEqual(first, again)
        XCTAssertEqual(first.count, 64)
        XCTAssertEqual(first.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1, accuracy: 1e-5)
        let batch = try await embedder.embed(["The quick brown fox", "lazy dog"])
        XCTAssertEqual(batch[0], first)
        XCTAssertEqual(batch[1], try embedder.embedding(of: "lazy dog"))
        XCTAssertEqual(try embedder.embedding(of: "THE quick, brown FOX!"), first, "case and punctuation are ignored")
    }

    func testSimilarTextsAreCloserThanUnrelatedOnes() throws {
        let embedder = try HashingEmbedder(dimensions: 512)
        let query = try embedder.embedding(of: "the cat sat on the mat")
        let paraphrase = try embedder.embedding(of: "a cat was sitting on a mat")
        let sharedTopic = try embedder.embedding(of: "my cat sleeps all day")
        let unrelated = try embedder.embedding(of: "stock markets fell sharply on interest rate fears")
        let paraphraseScore = try cosine(query, paraphrase)
        let topicScore = try cosine(query, sharedTopic)
        let unrelatedScore = try cosine(query, unrelated)
        XCTAssertGreaterThan(paraphraseScore, topicScore)
        XCTAssertGreaterThan(topicScore, unrelatedScore)
        XCTAssertGreaterThan(paraphraseScore, 0.65)
        XCTAssertLessThan(unrelatedScore, 0.6)
    }

    func testCharacterNGramsMakeInflectionsAndTyposClose() throws {
        let embedder = try HashingEmbedder(dimensions: 512)
        let wordsOnly = try HashingEmbedder(dimensions: 512, nGramWeight: 0)
        let shoes = try embedder.embedding(of: "running shoes")
        let shoe = try embedder.embedding(of: "runnin shoe")
        let hats = try embedder.embedding(of: "woollen hats")
        XCTAssertGreaterThan(try cosine(shoes, shoe), try cosine(shoes, hats))
        XCTAssertGreaterThan(try cosine(shoes, shoe), 0.7)
        // Without n-grams the two share no feature: orthogonal up to hash collisions.
        XCTAssertLessThan(try cosine(try wordsOnly.embedding(of: "running shoes"), try wordsOnly.embedding(of: "runnin shoe")), 0.6)
    }

    func testWordsAreLowerCasedRunsOfLettersAndDigits() {
        XCTAssertEqual(HashingEmbedder.words(of: "Hello, wörld! 42x  a-b"), ["hello", "wörld", "42x", "a", "b"])
        XCTAssertEqual(HashingEmbedder.words(of: " ...  "), [])
    }

    func testTextWithoutWordsAndBadParametersAreRejected() throws {
        let embedder = try HashingEmbedder(dimensions: 16)
        XCTAssertThrowsError(try embedder.embedding(of: "  !?  ")) { error in
            XCTAssertEqual((error as? VectorSearchError)?.code, .invalidArgument)
        }
        XCTAssertThrowsError(try HashingEmbedder(dimensions: 1))
        XCTAssertThrowsError(try HashingEmbedder(dimensions: 8, nGramLengths: 0...2))
        XCTAssertThrowsError(try HashingEmbedder(dimensions: 8, wordWeight: 0))
        XCTAssertThrowsError(try HashingEmbedder(dimensions: 8, nGramWeight: -1))
    }
}
