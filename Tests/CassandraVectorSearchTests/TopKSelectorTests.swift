@testable import CassandraVectorSearch
import XCTest

final class TopKSelectorTests: XCTestCase {
    private func result(_ id: String, _ similarity: Float) -> VectorSearchResult {
        VectorSearchResult(id: id, content: "", metadata: [:], similarity: similarity)
    }

    func testKeepsTheBestKInRankOrderWhateverTheArrivalOrder() {
        // Scores on a coarse grid so that ties (broken by id) occur often.
        let all = (0..<500).map { result("doc\(1000 + $0)", Float(($0 * 7919) % 37) / 36) }
        let expected = all.sorted(by: TopKSelector.ranksBefore)
        let orders: [[VectorSearchResult]] = [
            all, all.reversed(), expected, expected.reversed(),
            (0..<500).map { all[($0 * 7) % 500] },          // 7 is coprime with 500: a permutation
        ]
        for k in [1, 5, 37, 500, 800] {
            for (number, order) in orders.enumerated() {
                var selector = TopKSelector(k: k)
                for candidate in order { selector.offer(candidate) }
                XCTAssertEqual(selector.results, Array(expected.prefix(k)), "k = \(k), order \(number)")
            }
        }
    }

    func testTiesAreBrokenByAscendingID() {
        var selector = TopKSelector(k: 2)
        for candidate in [result("c", 0.5), result("a", 0.5), result("b", 0.5), result("z", 0.9)] { selector.offer(candidate) }
        XCTAssertEqual(selector.results.map(\.id), ["z", "a"])
    }

    func testEmptySelectorHasNoResults() {
        XCTAssertEqual(TopKSelector(k: 3).results, [])
    }
}
