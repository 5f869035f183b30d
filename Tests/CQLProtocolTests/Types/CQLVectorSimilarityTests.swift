import CQLProtocol
import XCTest

final class CQLVectorSimilarityTests: XCTestCase {
    func testScoresAreScaledAsCassandraScalesThem() throws {
        let a: [Float] = [1, 0], b: [Float] = [0, 1], c: [Float] = [-1, 0]
        XCTAssertEqual(try XCTUnwrap(CQLVectorSimilarity.cosine.score(a, a)), 1, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(CQLVectorSimilarity.cosine.score(a, b)), 0.5, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(CQLVectorSimilarity.cosine.score(a, c)), 0, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(CQLVectorSimilarity.dotProduct.score([0.6, 0.8], [0.6, 0.8])), 1, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(CQLVectorSimilarity.euclidean.score([1, 2], [3, 4])), 1 / 9, accuracy: 1e-6)
    }

    func testNoScoreForUnequalLengthsOrAZeroVectorUnderCosine() {
        XCTAssertNil(CQLVectorSimilarity.cosine.score([1, 2], [1]))
        XCTAssertNil(CQLVectorSimilarity.euclidean.score([1], [1, 2]))
        XCTAssertNil(CQLVectorSimilarity.cosine.score([0, 0], [1, 0]))
        XCTAssertEqual(CQLVectorSimilarity.dotProduct.score([0, 0], [1, 0]), 0.5)
    }

    func testNamesFromIndexOptionsAndFunctionNames() {
        XCTAssertEqual(CQLVectorSimilarity(name: "COSINE"), .cosine)
        XCTAssertEqual(CQLVectorSimilarity(name: "similarity_dot_product"), .dotProduct)
        XCTAssertEqual(CQLVectorSimilarity(name: "Euclidean"), .euclidean)
        XCTAssertNil(CQLVectorSimilarity(name: "manhattan"))
    }
}
