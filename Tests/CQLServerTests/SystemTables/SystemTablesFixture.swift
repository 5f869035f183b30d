#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol
@testable import CQLServer

/// The catalog and node the system-table tests describe, and a reader that decodes a
/// virtual table's resolved rows by column name.
enum SystemTablesFixture {
    static let tableID = UUID(uuidString: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9")!
    static let hostID = UUID(uuidString: "11111111-2222-4333-8444-555555555555")!

    /// `CREATE TYPE shop.address (street text, zip int, phones list<text>)`.
    static let address = CQLType.UserDefinedType(keyspace: "shop", name: "address", fields: [
        .init(name: "street", type: .text), .init(name: "zip", type: .int), .init(name: "phones", type: .list(.text)),
    ])

    /// `CREATE TABLE shop.orders (customer text, region int, placed_at timestamp, item uuid,
    /// note text static, items list<text>, ship_to frozen<address>, "Total" double,
    /// PRIMARY KEY ((customer, region), placed_at, item))
    /// WITH CLUSTERING ORDER BY (placed_at DESC, item ASC) AND comment = 'orders'
    /// AND gc_grace_seconds = 3600 AND compaction = {'class': 'LeveledCompactionStrategy'}`,
    /// with a values index on `items` and an SAI index on `"Total"`.
    static func orders() -> TableSchema {
        TableSchema(keyspace: "shop", name: "orders", id: tableID, columns: [
            ColumnSchema(name: "customer", type: .text, isFrozen: false, kind: .partitionKey, position: 0),
            ColumnSchema(name: "region", type: .int, isFrozen: false, kind: .partitionKey, position: 1),
            ColumnSchema(name: "placed_at", type: .timestamp, isFrozen: false, kind: .clustering, position: 0, clusteringOrder: .descending),
            ColumnSchema(name: "item", type: .uuid, isFrozen: false, kind: .clustering, position: 1, clusteringOrder: .ascending),
            ColumnSchema(name: "note", type: .text, isFrozen: false, kind: .staticColumn),
            ColumnSchema(name: "items", type: .list(.text), isFrozen: false, kind: .regular),
            ColumnSchema(name: "ship_to", type: .udt(address), isFrozen: true, kind: .regular),
            ColumnSchema(name: "Total", type: .double, isFrozen: false, kind: .regular),
        ], options: [
            "comment": "'orders'",
            "gc_grace_seconds": "3600",
            "compaction": "{'class': 'LeveledCompactionStrategy'}",
        ], indexes: [
            IndexDefinition(name: "items_idx", column: "items", target: .values, kind: "COMPOSITES", options: [:]),
            IndexDefinition(name: "total_sai", column: "Total", target: .simple, kind: "CUSTOM",
                            options: ["class_name": "org.apache.cassandra.index.sai.StorageAttachedIndex"]),
        ])
    }

    static let viewID = UUID(uuidString: "a1b2c3d4-e5f6-4789-8abc-def012345678")!

    /// `CREATE MATERIALIZED VIEW shop.orders_by_item AS SELECT customer, region, placed_at,
    /// item, "Total" FROM shop.orders WHERE item IS NOT NULL AND customer IS NOT NULL AND
    /// region IS NOT NULL AND placed_at IS NOT NULL PRIMARY KEY (item, customer, region,
    /// placed_at) WITH comment = 'by item'`.
    static func ordersByItem() -> TableSchema {
        let whereClause = ["item", "customer", "region", "placed_at"].map { Relation(.column(Identifier($0)), .isNot, .term(.null)) }
        return TableSchema(keyspace: "shop", name: "orders_by_item", id: viewID, columns: [
            ColumnSchema(name: "item", type: .uuid, isFrozen: false, kind: .partitionKey, position: 0),
            ColumnSchema(name: "customer", type: .text, isFrozen: false, kind: .clustering, position: 0, clusteringOrder: .ascending),
            ColumnSchema(name: "region", type: .int, isFrozen: false, kind: .clustering, position: 1, clusteringOrder: .ascending),
            ColumnSchema(name: "placed_at", type: .timestamp, isFrozen: false, kind: .clustering, position: 2, clusteringOrder: .descending),
            ColumnSchema(name: "Total", type: .double, isFrozen: false, kind: .regular),
        ], options: ["comment": "'by item'"], view: ViewDefinition(
            baseTableID: tableID, baseTableName: "orders", includesAllColumns: false, whereClause: whereClause, baseRegularKeyColumn: nil))
    }

    /// The catalog of ``state()`` plus the view ``ordersByItem()``.
    static func stateWithView() -> StorageEngine.State {
        var state = state()
        state.keyspaces["shop"]?.tables["orders_by_item"] = ordersByItem()
        return state
    }

    /// A catalog holding keyspace `shop` with the type and the table.
    static func state() -> StorageEngine.State {
        var keyspace = KeyspaceDefinition(name: "shop", replication: ["class": "SimpleStrategy", "replication_factor": "1"])
        keyspace.types = [address]
        keyspace.tables["orders"] = orders()
        var state = StorageEngine.State()
        state.keyspaces["shop"] = keyspace
        return state
    }

    static let node = NodeIdentity(
        hostID: hostID, listenAddress: CQLInetAddress("127.0.0.1")!, rpcAddress: CQLInetAddress("127.0.0.1")!, rpcPort: 9042,
        clusterName: "Test Cluster", datacenter: "datacenter1", rack: "rack1", releaseVersion: "5.0.4", cqlVersion: "3.4.7",
        nativeProtocolVersion: "5", partitioner: "org.apache.cassandra.dht.Murmur3Partitioner",
        tokens: [-9_000_000_000_000_000_000, 42], gossipGeneration: 1_700_000_000)

    /// The rows of `keyspace.name` as a driver would decode them: partitions in token order,
    /// rows in clustering order, every column by name (`nil` for null).
    static func rows(_ keyspace: String, _ name: String, state: StorageEngine.State, peers: [NodeIdentity] = [],
                     version: UUID = UUID(uuidString: "00000000-0000-3000-8000-000000000000")!) throws -> [[String: CQLValue?]] {
        guard let table = SystemTables.table(keyspace: keyspace, name: name, state: state, node: node, peers: peers,
                                             schemaVersion: version) else {
            throw CQLProtocolError(.invalidValue, "no virtual table \(keyspace).\(name)")
        }
        let schema = table.schema
        var store = table.store
        var result: [[String: CQLValue?]] = []
        for key in store.keysInTokenOrder() {
            for row in store.partition(key)?.resolvedRows(table: schema, now: 0) ?? [] {
                var decoded: [String: CQLValue?] = [:]
                for column in schema.columns {
                    let bytes: [UInt8]? = switch column.kind {
                    case .partitionKey: row.partitionKey[column.position]
                    case .clustering: row.clustering[column.position]
                    default: row.value(slot: column.slot)?.bytes
                    }
                    decoded[column.name] = try CQLValue.decode(bytes, as: column.type)
                }
                result.append(decoded)
            }
        }
        return result
    }

    /// Only the rows whose `keyspace_name` is `shop`.
    static func shopRows(_ name: String, state: StorageEngine.State = state()) throws -> [[String: CQLValue?]] {
        try rows("system_schema", name, state: state).filter { $0["keyspace_name"] == .text("shop") }
    }
}
