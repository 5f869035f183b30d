import CQLProtocol
import Foundation
import XCTest
@testable import CassandraDriver

/// Nodes and schema from hand-built system-table results.
final class ClusterMetadataLoaderTests: XCTestCase {
    private func resultSet(_ columns: [(String, CQLType)], _ rows: [[any CQLEncodable]]) throws -> ResultSet {
        let specs = columns.map { ResultMetadata.ColumnSpec(keyspace: "system", table: "t", name: $0.0, type: $0.1) }
        let cells: [[[UInt8]?]] = try rows.map { row in
            try zip(row, specs).map { value, spec in try value.cqlRawValue(as: spec.type).bytes }
        }
        return ResultSet(result: .rows(.init(metadata: ResultMetadata(columns: specs), rows: cells)), frame: nil, node: nil)
    }

    private let hostID = UUID(uuidString: "11111111-2222-3333-4444-555555555555")!
    private let schemaVersion = UUID(uuidString: "aaaaaaaa-2222-3333-4444-555555555555")!

    func testLocalNodeUsesTheContactPointAddress() throws {
        let rows = try resultSet(
            [("host_id", .uuid), ("data_center", .text), ("rack", .text), ("tokens", .set(.text)),
             ("release_version", .text), ("schema_version", .uuid)],
            [[hostID, "dc1", "r1", Set(["-5", "10", "3"]), "4.1.3", schemaVersion]])
        let local = try ClusterMetadataLoader.localNode(rows[0], contactPoint: ("127.0.0.1", 9142))
        XCTAssertEqual(local.node.id, hostID)
        XCTAssertEqual(local.node.datacenter, "dc1")
        XCTAssertEqual(local.node.tokens, [-5, 3, 10])
        XCTAssertEqual(local.node.endpoint.port, 9142)
        XCTAssertEqual(local.host, "127.0.0.1")
        XCTAssertEqual(local.schemaVersion, schemaVersion)
    }

    func testPeersV2UseNativeAddressAndPortAndPeersFallBack() throws {
        let v2 = try resultSet(
            [("host_id", .uuid), ("peer", .inet), ("native_address", .inet), ("native_port", .int), ("data_center", .text)],
            [[hostID, CQLInetAddress("10.0.0.2")!, CQLInetAddress("10.1.0.2")!, Int32(9043), "dc2"]])
        let peer = try XCTUnwrap(try ClusterMetadataLoader.peer(v2[0], defaultPort: 9042))
        XCTAssertEqual(peer.host, "10.1.0.2")
        XCTAssertEqual(peer.port, 9043)

        let v1 = try resultSet([("host_id", .uuid), ("peer", .inet), ("rpc_address", .inet)],
                               [[hostID, CQLInetAddress("10.0.0.3")!, CQLInetAddress("0.0.0.0")!]])
        let old = try XCTUnwrap(try ClusterMetadataLoader.peer(v1[0], defaultPort: 9042))
        XCTAssertEqual(old.host, "10.0.0.3", "0.0.0.0 falls back to the peer address")
        XCTAssertEqual(old.port, 9042)

        let joining = try resultSet([("peer", .inet)], [[CQLInetAddress("10.0.0.4")!]])
        XCTAssertNil(try ClusterMetadataLoader.peer(joining[0], defaultPort: 9042))
    }

    func testSchemaKeyspacesTablesColumnsIndexesAndTypes() throws {
        let keyspaces = try ClusterMetadataLoader.keyspaces(try resultSet(
            [("keyspace_name", .text), ("replication", .map(.text, .text)), ("durable_writes", .boolean)],
            [["shop", ["class": "org.apache.cassandra.locator.SimpleStrategy", "replication_factor": "3"], true]]))
        XCTAssertEqual(keyspaces["shop"]?.replication, .simple(replicationFactor: 3))
        let tables = try resultSet([("keyspace_name", .text), ("table_name", .text)], [["shop", "orders"]])
        let columns = try resultSet(
            [("keyspace_name", .text), ("table_name", .text), ("column_name", .text), ("kind", .text), ("position", .int), ("type", .text)],
            [["shop", "orders", "total", "regular", Int32(-1), "decimal"],
             ["shop", "orders", "day", "clustering", Int32(0), "date"],
             ["shop", "orders", "id", "partition_key", Int32(0), "uuid"]])
        let indexes = try resultSet(
            [("keyspace_name", .text), ("table_name", .text), ("index_name", .text), ("kind", .text), ("options", .map(.text, .text))],
            [["shop", "orders", "by_total", "COMPOSITES", ["target": "total"]]])
        let types = try resultSet(
            [("keyspace_name", .text), ("type_name", .text), ("field_names", .list(.text)), ("field_types", .list(.text))],
            [["shop", "address", ["street", "zip"], ["text", "int"]]])
        let schema = try ClusterMetadataLoader.schema(keyspaces: keyspaces, tables: tables, columns: columns,
                                                      indexes: indexes, types: types)
        let orders = try XCTUnwrap(schema.keyspaces["shop"]?.tables["orders"])
        XCTAssertEqual(orders.columns.map(\.name), ["id", "day", "total"])
        XCTAssertEqual(orders.partitionKey.map(\.name), ["id"])
        XCTAssertEqual(orders.clusteringColumns.map(\.name), ["day"])
        XCTAssertEqual(orders.indexes.first?.options["target"], "total")
        XCTAssertEqual(schema.keyspaces["shop"]?.userTypes["address"]?.fieldTypes, ["text", "int"])
    }
}
