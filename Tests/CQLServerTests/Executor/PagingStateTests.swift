import CQLProtocol
import XCTest
@testable import CQLServer

/// Paging (`PagingState` and `SelectExecutor`): for every page size, following the paging
/// states returns exactly the rows of the unpaged query, in order, with no page larger than
/// asked, and LIMIT / PER PARTITION LIMIT counted across pages.
final class PagingStateTests: XCTestCase {
    /// Partitions of 0 to 4 rows, one of them static-only, so pages end at every kind of boundary.
    private func harness() throws -> QueryHarness {
        let cql = try QueryHarness.withKeyspace("CREATE TABLE t (k int, c int, v int, s int STATIC, PRIMARY KEY (k, c))")
        for k in 0..<7 {
            for c in 0..<(k % 5) { try cql.run("INSERT INTO t (k, c, v) VALUES (\(k), \(c), \(c % 2))") }
        }
        try cql.run("UPDATE t SET s = 1 WHERE k = 5")
        try cql.run("UPDATE t SET s = 2 WHERE k = 2")
        return cql
    }

    private func assertPagesMatch(_ cql: QueryHarness, _ query: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try cql.rows(query).rows
        XCTAssertFalse(expected.isEmpty, query, file: file, line: line)
        for size in 1...(expected.count + 1) {
            let pages = try cql.allPages(query, pageSize: Int32(size))
            XCTAssertEqual(pages.flatMap(\.rows), expected, "\(query) with page size \(size)", file: file, line: line)
            XCTAssertTrue(pages.allSatisfy { $0.rows.count <= size }, "\(query): a page exceeds \(size) rows", file: file, line: line)
            XCTAssertTrue(pages.dropLast().allSatisfy { !$0.rows.isEmpty }, "\(query): an empty page before the last", file: file, line: line)
        }
    }

    func testEveryPageSizeReturnsEveryRowExactlyOnce() throws {
        let cql = try harness()
        try assertPagesMatch(cql, "SELECT k, c, s FROM t")
        try assertPagesMatch(cql, "SELECT k, c FROM t WHERE k = 4")
        try assertPagesMatch(cql, "SELECT k, c FROM t WHERE k = 4 ORDER BY c DESC")
        try assertPagesMatch(cql, "SELECT k, c FROM t WHERE k IN (1, 3, 4) AND c >= 1")
    }

    func testLimitAndPerPartitionLimitHoldAcrossPages() throws {
        let cql = try harness()
        try assertPagesMatch(cql, "SELECT k, c FROM t LIMIT 5")
        try assertPagesMatch(cql, "SELECT k, c FROM t PER PARTITION LIMIT 2")
        try assertPagesMatch(cql, "SELECT k, c FROM t PER PARTITION LIMIT 2 LIMIT 5")
        XCTAssertEqual(try cql.rows("SELECT k, c FROM t PER PARTITION LIMIT 2 LIMIT 5").rows.count, 5)
    }

    func testFilteredDistinctAndPostOrderedQueriesPage() throws {
        let cql = try harness()
        try assertPagesMatch(cql, "SELECT k, c FROM t WHERE v = 1 ALLOW FILTERING")
        try assertPagesMatch(cql, "SELECT DISTINCT k, s FROM t")
        try assertPagesMatch(cql, "SELECT token(k) FROM t WHERE token(k) > -9000000000000000000")
    }

    func testUnpagedQueriesReturnNoPagingState() throws {
        let cql = try harness()
        XCTAssertNil(try cql.rows("SELECT * FROM t").pagingState)
        XCTAssertNil(try cql.rows("SELECT * FROM t", pageSize: 100).pagingState)
    }

    func testDeletedRowsBetweenPagesAreSkipped() throws {
        let cql = try harness()
        let first = try cql.rows("SELECT k, c FROM t WHERE k = 4", pageSize: 2)
        XCTAssertEqual(first.rows, [[.int(4), .int(0)], [.int(4), .int(1)]])
        try cql.run("DELETE FROM t WHERE k = 4 AND c = 2")
        let rest = try cql.rows("SELECT k, c FROM t WHERE k = 4", pageSize: 2, pagingState: first.pagingState)
        XCTAssertEqual(rest.rows, [[.int(4), .int(3)]])
    }

    func testStateRoundTripsAndGarbageIsRejected() throws {
        let state = PagingState(position: .after(partitionKey: [0, 0, 0, 1], clustering: [[0, 0, 0, 2]]), rowsReturned: 3, rowsInPartition: 1)
        XCTAssertEqual(try PagingState(bytes: state.bytes), state)
        let offset = PagingState(position: .offset(9), rowsReturned: 9, rowsInPartition: 0)
        XCTAssertEqual(try PagingState(bytes: offset.bytes), offset)
        XCTAssertThrowsError(try PagingState(bytes: [1, 2, 3])) { XCTAssertEqual(($0 as? ExecutionError)?.message, "Invalid value for the paging state") }
        XCTAssertThrowsError(try PagingState(bytes: state.bytes + [0]))
        let cql = try harness()
        XCTAssertThrowsError(try cql.rows("SELECT * FROM t", pageSize: 2, pagingState: [9, 9]))
    }
}
