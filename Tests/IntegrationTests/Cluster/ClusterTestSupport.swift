import CassandraDriver
import CQLProtocol
import CQLServer
import CQLTesting
import XCTest

extension EmbeddedCQLCluster {
    /// The index of the node a ``RequestAttempt`` went to (attempts name nodes `address:port`).
    func nodeIndex(ofAttemptOn node: String) -> Int? {
        nodes.firstIndex { "\($0.host):\($0.port)" == node }
    }

    /// The index of the node owning the partition of an `int` partition key.
    func nodeIndex(owningIntKey key: Int32) -> Int {
        nodeIndex(owningPartitionKey: withUnsafeBytes(of: key.bigEndian) { Array($0) })
    }

    /// The first `count` keys from 0 up that node `index` owns.
    func keys(ownedBy index: Int, count: Int) -> [Int32] {
        Array((Int32(0)...).lazy.filter { self.nodeIndex(owningIntKey: $0) == index }.prefix(count))
    }

    /// Each node's count of requests with `opcode`.
    func requestCounts(_ opcode: Opcode) -> [Int] {
        nodes.map { $0.requestCount(opcode) }
    }

    /// Sets every node's request counts back to zero.
    func resetRequestCounts() {
        for node in nodes { node.resetRequestCounts() }
    }
}

/// The statements of the `kv (k int PRIMARY KEY, v text)` table that cluster tests use.
struct KeyValueTable {
    let select: PreparedStatement
    let insert: PreparedStatement

    /// Creates the table in the session's keyspace with rows `k → "v<k>"` for keys 0..<100,
    /// prepares the statements and runs each once on every node of the local datacenter
    /// (through keys they own), so no node answers UNPREPARED during the test.
    static func create(in session: Session, cluster: EmbeddedCQLCluster) async throws -> KeyValueTable {
        try await session.execute("CREATE TABLE kv (k int PRIMARY KEY, v text)")
        let insert = try await session.prepare("INSERT INTO kv (k, v) VALUES (?, ?)")
        let select = try await session.prepare("SELECT v FROM kv WHERE k = ?")
        for key in Int32(0)..<100 { try await session.execute(insert, key, "v\(key)") }
        let local = cluster.nodes.indices.filter { cluster.nodes[$0].datacenter == cluster.nodes[0].datacenter }
        for index in local {
            _ = try await session.execute(select, cluster.keys(ownedBy: index, count: 1)[0])
        }
        return KeyValueTable(select: select, insert: insert)
    }
}
