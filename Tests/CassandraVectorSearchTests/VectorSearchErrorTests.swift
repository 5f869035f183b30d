@testable import CassandraVectorSearch
import XCTest

final class VectorSearchErrorTests: XCTestCase {
    private struct Cause: Error, CustomStringConvertible {
        var description: String { "socket closed" }
    }

    func testDimensionMismatchCarriesBothSizesAndContext() {
        let error = VectorSearchError.dimensionMismatch(expected: 3, actual: 4, what: "query vector", collection: "kb.docs", documentID: "d1")
        XCTAssertEqual(error.code, .dimensionMismatch)
        XCTAssertEqual(error.expectedDimensions, 3)
        XCTAssertEqual(error.actualDimensions, 4)
        XCTAssertEqual(error.description,
                       "VectorSearchError.dimensionMismatch: query vector has 4 dimensions, expected 3 (collection: kb.docs) (document: d1)")
    }

    func testDebugDescriptionAddsTheUnderlyingError() {
        let error = VectorSearchError(.driver, "the driver failed; see underlying", underlying: Cause())
        XCTAssertEqual(error.description, "VectorSearchError.driver: the driver failed; see underlying")
        XCTAssertTrue(error.debugDescription.hasSuffix("; underlying: socket closed"), error.debugDescription)
        XCTAssertNotEqual(VectorSearchError.Code.driver, .providerFailed)
    }
}
