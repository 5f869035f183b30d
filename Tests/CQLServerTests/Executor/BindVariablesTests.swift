import CQLProtocol
import XCTest
@testable import CQLServer

/// PREPARED metadata (`BindVariables`): each marker's name and type as Cassandra's
/// `ColumnSpecification`s give them (`[limit]`, `[ttl]`, `in(c)`, `key(m)`, …), the
/// partition-key indexes drivers route with, and the result metadata.
final class BindVariablesTests: XCTestCase {
    private func harness() throws -> QueryHarness {
        try QueryHarness.withKeyspace("""
            CREATE TABLE t (a int, b text, c bigint, v int, l list<int>, m map<text, double>, s set<uuid>,
                            PRIMARY KEY ((a, b), c))
            """)
    }

    private func variables(_ cql: QueryHarness, _ query: String) throws -> [String] {
        try cql.prepare(query).metadata.columns.map { "\($0.name):\($0.type)" }
    }

    func testSelectMarkersIncludingLimits() throws {
        let cql = try harness()
        let prepared = try cql.prepare("SELECT v, l FROM t WHERE a = ? AND b = ? AND c > ? LIMIT ?")
        XCTAssertEqual(prepared.metadata.columns.map(\.name), ["a", "b", "c", "[limit]"])
        XCTAssertEqual(prepared.metadata.columns.map(\.type), [.int, .text, .bigint, .int])
        XCTAssertEqual(prepared.metadata.columns.first.map { "\($0.keyspace).\($0.table)" }, "ks.t")
        XCTAssertEqual(prepared.metadata.partitionKeyIndexes, [0, 1])
        XCTAssertEqual(prepared.resultMetadata.columns?.map(\.name), ["v", "l"])
        XCTAssertEqual(prepared.resultMetadata.columns?.map(\.type), [.int, .list(.int)])
        XCTAssertEqual(try cql.prepare("SELECT * FROM t WHERE a = 1 AND b = 'x' PER PARTITION LIMIT ?").metadata.columns.map(\.name),
                       ["[per_partition_limit]"])
    }

    func testPartitionKeyIndexesFollowTheKeyOrderNotTheMarkerOrder() throws {
        let cql = try harness()
        XCTAssertEqual(try cql.prepare("SELECT * FROM t WHERE b = ? AND c = ? AND a = ?").metadata.partitionKeyIndexes, [2, 0])
        XCTAssertEqual(try cql.prepare("SELECT * FROM t WHERE a = ? AND b = 'x'").metadata.partitionKeyIndexes, [])
        XCTAssertEqual(try cql.prepare("SELECT * FROM t WHERE a IN (?, ?) AND b = ?").metadata.partitionKeyIndexes, [1, 2])
    }

    func testInMarkersAndCollectionElementMarkers() throws {
        let cql = try harness()
        XCTAssertEqual(try variables(cql, "SELECT * FROM t WHERE a = ? AND b = ? AND c IN ?"), ["a:int", "b:text", "in(c):list<bigint>"])
        XCTAssertEqual(try variables(cql, "UPDATE t SET m[?] = ?, l[?] = ? WHERE a = 1 AND b = 'x' AND c = 1"),
                       ["key(m):text", "value(m):double", "idx(l):int", "value(l):int"])
        XCTAssertEqual(try variables(cql, "UPDATE t SET l = l + ?, s = s - ? WHERE a = 1 AND b = 'x' AND c = 1"),
                       ["l:list<int>", "s:set<uuid>"])
        XCTAssertEqual(try variables(cql, "DELETE m[?] FROM t WHERE a = 1 AND b = 'x' AND c = 1"), ["key(m):text"])
    }

    func testUsingMarkersAndInsertPartitionKeyIndexes() throws {
        let cql = try harness()
        let prepared = try cql.prepare("INSERT INTO t (c, b, a, v) VALUES (?, ?, ?, ?) USING TTL ? AND TIMESTAMP ?")
        XCTAssertEqual(prepared.metadata.columns.map { "\($0.name):\($0.type)" },
                       ["c:bigint", "b:text", "a:int", "v:int", "[ttl]:int", "[timestamp]:bigint"])
        XCTAssertEqual(prepared.metadata.partitionKeyIndexes, [2, 1])
        XCTAssertEqual(prepared.resultMetadata.columns ?? [], [])
    }

    func testNamedMarkersKeepTheirNames() throws {
        let cql = try harness()
        XCTAssertEqual(try variables(cql, "SELECT * FROM t WHERE a = :first AND b = :second"), ["first:int", "second:text"])
    }

    func testLWTPreparedResultMetadataAndConditionMarkers() throws {
        let cql = try harness()
        let prepared = try cql.prepare("UPDATE t SET v = ? WHERE a = ? AND b = ? AND c = ? IF v = ?")
        XCTAssertEqual(prepared.metadata.columns.map(\.name), ["v", "a", "b", "c", "v"])
        XCTAssertEqual(prepared.metadata.partitionKeyIndexes, [1, 2])
    }

    func testExecuteBindsByTypeAndReportsWrongArity() throws {
        let cql = try harness()
        let insert = try cql.prepare("INSERT INTO t (a, b, c, v) VALUES (?, ?, ?, ?)")
        try cql.execute(insert, [.int(1), .text("x"), .bigint(7), .int(42)])
        let select = try cql.prepare("SELECT v FROM t WHERE a = ? AND b = ? AND c = ?")
        XCTAssertEqual(try QueryHarness.decode(cql.execute(select, [.int(1), .text("x"), .bigint(7)])).rows, [[.int(42)]])
        XCTAssertThrowsError(try cql.execute(select, [.int(1)])) { error in
            XCTAssertEqual((error as? ServerError)?.message, "There were 3 markers(?) in CQL but 1 bound variables")
        }
    }

    func testUnsetValuesLeaveColumnsAlone() throws {
        let cql = try harness()
        try cql.run("INSERT INTO t (a, b, c, v) VALUES (1, 'x', 1, 5)")
        try cql.run("INSERT INTO t (a, b, c, v) VALUES (1, 'x', 1, ?)", values: .positional([.unset]))
        XCTAssertEqual(try cql.rows("SELECT v FROM t").rows, [[.int(5)]])
        try cql.run("INSERT INTO t (a, b, c, v) VALUES (1, 'x', 1, ?)", values: .positional([.null]))
        XCTAssertEqual(try cql.rows("SELECT v FROM t").rows, [[nil]])
    }
}
