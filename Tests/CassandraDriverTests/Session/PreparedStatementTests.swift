import CQLProtocol
import XCTest
@testable import CassandraDriver

final class PreparedStatementTests: XCTestCase {
    private func prepared(partitionKey: [UInt16]) -> PreparedStatement {
        PreparedStatement(cql: "SELECT * FROM ks.t WHERE a = ? AND b = ?", keyspace: nil, prepared: .init(
            id: [1], metadata: PreparedMetadata(columns: [
                .init(keyspace: "ks", table: "t", name: "a", type: .int),
                .init(keyspace: "ks", table: "t", name: "b", type: .text),
            ], partitionKeyIndexes: partitionKey), resultMetadata: .empty))
    }

    func testSingleComponentRoutingKeyIsTheValueItself() throws {
        let statement = prepared(partitionKey: [0])
        let bound = try statement.bind(Int32(1), "x")
        XCTAssertEqual(bound.token, Murmur3Partitioner.token(for: [0, 0, 0, 1]))
        XCTAssertEqual(statement.routingKeyspace, "ks")
    }

    func testCompositeRoutingKeyFollowsPartitionKeyOrder() throws {
        let statement = prepared(partitionKey: [1, 0])
        let bound = try statement.bind(Int32(1), "x")
        let key = try Murmur3Partitioner.routingKey([Array("x".utf8), [0, 0, 0, 1]])
        XCTAssertEqual(bound.token, Murmur3Partitioner.token(for: key))
    }

    func testNoTokenWithoutAPartitionKeyOrWithANullComponent() throws {
        XCTAssertNil(try prepared(partitionKey: []).bind(Int32(1), "x").token)
        XCTAssertNil(try prepared(partitionKey: [0]).bind(Optional<Int32>.none, "x").token)
        XCTAssertNil(try prepared(partitionKey: [1]).bind(named: ["a": Int32(1)]).token)
    }

    func testCacheIsKeyedByKeyspaceAndTextAndBounded() {
        let cache = PreparedStatementCache(capacity: 2)
        let statement = prepared(partitionKey: [0])
        cache.store(statement, for: .init(keyspace: "a", cql: "q"))
        XCTAssertNotNil(cache.statement(for: .init(keyspace: "a", cql: "q")))
        XCTAssertNil(cache.statement(for: .init(keyspace: "b", cql: "q")))
        XCTAssertNotNil(cache.statement(withID: [1]))
        cache.store(statement, for: .init(keyspace: "b", cql: "q"))
        cache.store(statement, for: .init(keyspace: "c", cql: "q"))
        XCTAssertEqual(cache.count, 2)
        XCTAssertNil(cache.statement(for: .init(keyspace: "a", cql: "q")))
    }
}
