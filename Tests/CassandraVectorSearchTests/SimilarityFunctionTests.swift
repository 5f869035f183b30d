@testable import CassandraVectorSearch
import XCTest

final class SimilarityFunctionTests: XCTestCase {
    func testCosineIsScaledToZeroOneAndIgnoresLength() throws {
        XCTAssertEqual(try SimilarityFunction.cosine.score([1, 0], [3, 0]), 1, accuracy: 1e-6)
        XCTAssertEqual(try SimilarityFunction.cosine.score([1, 0], [0, 2]), 0.5, accuracy: 1e-6)
        XCTAssertEqual(try SimilarityFunction.cosine.score([1, 0], [-1, 0]), 0, accuracy: 1e-6)
        // cos 60° = 0.5 → (1 + 0.5) / 2
        XCTAssertEqual(try SimilarityFunction.cosine.score([1, 0], [0.5, Float(3).squareRoot() / 2]), 0.75, accuracy: 1e-6)
        XCTAssertEqual(try SimilarityFunction.cosine.score([0, 0], [1, 0]), 0.5)
    }

    func testDotProductAndEuclideanMatchCassandrasScaling() throws {
        XCTAssertEqual(try SimilarityFunction.dotProduct.score([1, 2, 3], [4, -5, 6]), (1 + 12) / 2, accuracy: 1e-6)
        XCTAssertEqual(try SimilarityFunction.dotProduct.score([0.6, 0.8], [0.6, 0.8]), 1, accuracy: 1e-6)
        // d² = 1 + 4 = 5 → 1 / 6
        XCTAssertEqual(try SimilarityFunction.euclidean.score([1, 2], [2, 4]), 1.0 / 6.0, accuracy: 1e-6)
        XCTAssertEqual(try SimilarityFunction.euclidean.score([1, 2], [1, 2]), 1)
    }

    func testMismatchedLengthsThrowDimensionMismatch() {
        XCTAssertThrowsError(try SimilarityFunction.cosine.score([1, 0], [1, 0, 0])) { error in
            let error = error as? VectorSearchError
            XCTAssertEqual(error?.code, .dimensionMismatch)
            XCTAssertEqual(error?.expectedDimensions, 2)
            XCTAssertEqual(error?.actualDimensions, 3)
        }
    }

    func testCQLNamesRoundTripAndUnknownNamesAreRejected() throws {
        for function in SimilarityFunction.allCases {
            XCTAssertEqual(try SimilarityFunction(cqlName: function.cqlName), function)
        }
        XCTAssertEqual(try SimilarityFunction(cqlName: "DOT_PRODUCT"), .dotProduct)
        XCTAssertEqual(SimilarityFunction.dotProduct.cqlName, "dot_product")
        XCTAssertThrowsError(try SimilarityFunction(cqlName: "manhattan")) { error in
            XCTAssertEqual((error as? VectorSearchError)?.code, .unsupportedSimilarity)
        }
    }
}
