import XCTest
@testable import CQLServer

final class ParserBatchTests: XCTestCase {
    func testBatchFromTheDocs() throws {
        let parsed = try Parser.parseWithBindMarkers("""
            BEGIN BATCH
               INSERT INTO users (userid, password, name) VALUES ('user2', 'ch@ngem3b', 'second user');
               UPDATE users SET password = ? WHERE userid = 'user3';
               INSERT INTO users (userid, password) VALUES (?, 'ch@ngem3c')
               DELETE name FROM users WHERE userid = ?;
            APPLY BATCH;
            """)
        let batch = try XCTUnwrap(parsed.statement.asBatch)
        XCTAssertEqual(batch.kind, .logged)
        XCTAssertTrue(batch.using.isEmpty)
        XCTAssertEqual(batch.statements.count, 4)
        guard case .update(let update) = batch.statements[1], case .delete(let delete) = batch.statements[3] else {
            return XCTFail("unexpected children \(batch.statements)")
        }
        XCTAssertEqual(update.assignments, [Assignment(column: "password", operation: .set(.marker(0)))])
        XCTAssertEqual(delete.whereClause, [Relation(.column("userid"), .equal, .term(.marker(2)))])
        XCTAssertEqual(parsed.bindMarkerCount, 3)
    }

    func testKindsAndTimestamp() throws {
        let unlogged = try ParserTestSupport.parse("BEGIN UNLOGGED BATCH USING TIMESTAMP ? INSERT INTO t (k) VALUES (?) APPLY BATCH", as: \.asBatch)
        XCTAssertEqual(unlogged.kind, .unlogged)
        XCTAssertEqual(unlogged.using, UsingClause(timestamp: .marker(0)))
        XCTAssertEqual(unlogged.statements, [.insert(.init(table: QualifiedName(name: "t"), columns: ["k"], values: [.marker(1)]))])
        let counter = try ParserTestSupport.parse("BEGIN COUNTER BATCH UPDATE c SET n = n + 1 WHERE k = 1; APPLY BATCH", as: \.asBatch)
        XCTAssertEqual(counter.kind, .counter)
        XCTAssertEqual(try ParserTestSupport.parse("BEGIN BATCH APPLY BATCH", as: \.asBatch).statements, [])
    }

    func testErrors() {
        ParserTestSupport.assertError("BEGIN BATCH SELECT * FROM t APPLY BATCH", "line 1:12 mismatched input 'SELECT' expecting K_APPLY")
        ParserTestSupport.assertError("BEGIN BATCH INSERT INTO t (k) VALUES (1)", "line 1:40 mismatched input '<EOF>' expecting K_APPLY")
        ParserTestSupport.assertError("BEGIN LOGGED BATCH APPLY BATCH", "line 1:6 mismatched input 'LOGGED' expecting K_BATCH")
        ParserTestSupport.assertFails("BEGIN BATCH INSERT INTO t (k) VALUES (1) APPLY")
    }
}
