#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import XCTest
import CQLProtocol
@testable import CQLServer

/// Expected values are written out from Cassandra 5.0's `SchemaKeyspace` and
/// `SystemKeyspace`: what a single node stores for the fixture's schema.
final class SystemTablesTests: XCTestCase {
    private typealias Fixture = SystemTablesFixture

    private func text(_ value: String) -> CQLValue? { .text(value) }

    /// The value of `column` in a decoded row (`nil` for null or absent).
    private func field(_ row: [String: CQLValue?]?, _ column: String) -> CQLValue? {
        row?[column] ?? nil
    }

    private func textMap(_ pairs: KeyValuePairs<String, String>) -> CQLValue? {
        .map(pairs.map { CQLValue.MapEntry(key: .text($0.key), value: .text($0.value)) })
    }

    func testKeyspacesRowOfUserKeyspace() throws {
        XCTAssertEqual(try Fixture.shopRows("keyspaces"), [[
            "keyspace_name": text("shop"),
            "durable_writes": .boolean(true),
            "replication": textMap(["class": "org.apache.cassandra.locator.SimpleStrategy", "replication_factor": "1"]),
        ]])
    }

    func testKeyspacesListsSystemKeyspacesWithTheirStrategies() throws {
        let rows = try Fixture.rows("system_schema", "keyspaces", state: Fixture.state())
        var replication: [String: CQLValue?] = [:]
        for row in rows {
            guard case .text(let name)?? = row["keyspace_name"] else { return XCTFail("keyspace_name missing") }
            replication[name] = row["replication"] ?? nil
        }
        let local = textMap(["class": "org.apache.cassandra.locator.LocalStrategy"])
        func simple(_ factor: String) -> CQLValue? {
            textMap(["class": "org.apache.cassandra.locator.SimpleStrategy", "replication_factor": factor])
        }
        XCTAssertEqual(replication, [
            "shop": simple("1"), "system": local, "system_schema": local,
            "system_auth": simple("1"), "system_distributed": simple("3"), "system_traces": simple("2"),
        ])
        XCTAssertEqual(SystemTables.keyspaceNames,
                       ["system", "system_schema", "system_auth", "system_distributed", "system_traces", "system_virtual_schema"])
    }

    func testTablesRowHasDefaultsAndNormalizedOptions() throws {
        XCTAssertEqual(try Fixture.shopRows("tables"), [[
            "keyspace_name": text("shop"),
            "table_name": text("orders"),
            "additional_write_policy": text("99p"),
            "allow_auto_snapshot": nil,
            "bloom_filter_fp_chance": .double(0.1),
            "caching": textMap(["keys": "ALL", "rows_per_partition": "NONE"]),
            "cdc": nil,
            "comment": text("orders"),
            "compaction": textMap(["class": "org.apache.cassandra.db.compaction.LeveledCompactionStrategy",
                                   "max_threshold": "32", "min_threshold": "4"]),
            "compression": textMap(["chunk_length_in_kb": "16", "class": "org.apache.cassandra.io.compress.LZ4Compressor"]),
            "crc_check_chance": .double(1),
            "dclocal_read_repair_chance": .double(0),
            "default_time_to_live": .int(0),
            "extensions": .map([]),
            "flags": .set([.text("compound")]),
            "gc_grace_seconds": .int(3600),
            "id": .uuid(Fixture.tableID),
            "incremental_backups": nil,
            "max_index_interval": .int(2048),
            "memtable": nil,
            "memtable_flush_period_in_ms": .int(0),
            "min_index_interval": .int(128),
            "read_repair": text("BLOCKING"),
            "read_repair_chance": .double(0),
            "speculative_retry": text("99p"),
        ]])
    }

    func testColumnsRowsInClusteringOrder() throws {
        func column(_ name: String, _ order: String, _ kind: String, _ position: Int32, _ type: String) -> [String: CQLValue?] {
            ["keyspace_name": text("shop"), "table_name": text("orders"), "column_name": text(name),
             "clustering_order": text(order), "column_name_bytes": .blob(Array(name.utf8)), "kind": text(kind),
             "position": .int(position), "type": text(type)]
        }
        XCTAssertEqual(try Fixture.shopRows("columns"), [
            column("Total", "none", "regular", -1, "double"),
            column("customer", "none", "partition_key", 0, "text"),
            column("item", "asc", "clustering", 1, "uuid"),
            column("items", "none", "regular", -1, "list<text>"),
            column("note", "none", "static", -1, "text"),
            column("placed_at", "desc", "clustering", 0, "timestamp"),
            column("region", "none", "partition_key", 1, "int"),
            column("ship_to", "none", "regular", -1, "frozen<address>"),
        ])
    }

    func testIndexesRowsCarryTargetAndClassName() throws {
        XCTAssertEqual(try Fixture.shopRows("indexes"), [
            ["keyspace_name": text("shop"), "table_name": text("orders"), "index_name": text("items_idx"),
             "kind": text("COMPOSITES"), "options": textMap(["target": "values(items)"])],
            ["keyspace_name": text("shop"), "table_name": text("orders"), "index_name": text("total_sai"),
             "kind": text("CUSTOM"),
             "options": textMap(["class_name": "org.apache.cassandra.index.sai.StorageAttachedIndex", "target": "\"Total\""])],
        ])
    }

    func testTypesRowListsFieldsInOrder() throws {
        XCTAssertEqual(try Fixture.shopRows("types"), [[
            "keyspace_name": text("shop"),
            "type_name": text("address"),
            "field_names": .list([.text("street"), .text("zip"), .text("phones")]),
            "field_types": .list([.text("text"), .text("int"), .text("list<text>")]),
        ]])
    }

    func testViewsRowDescribesTheViewAndItsBase() throws {
        let state = Fixture.stateWithView()
        XCTAssertEqual(try Fixture.shopRows("views", state: state), [[
            "keyspace_name": text("shop"),
            "view_name": text("orders_by_item"),
            "base_table_id": .uuid(Fixture.tableID),
            "base_table_name": text("orders"),
            "where_clause": text("item IS NOT NULL AND customer IS NOT NULL AND region IS NOT NULL AND placed_at IS NOT NULL"),
            "include_all_columns": .boolean(false),
            "id": .uuid(Fixture.viewID),
            "additional_write_policy": text("99p"),
            "allow_auto_snapshot": nil,
            "bloom_filter_fp_chance": .double(0.01),
            "caching": textMap(["keys": "ALL", "rows_per_partition": "NONE"]),
            "cdc": nil,
            "comment": text("by item"),
            "compaction": textMap(["class": "org.apache.cassandra.db.compaction.SizeTieredCompactionStrategy",
                                   "max_threshold": "32", "min_threshold": "4"]),
            "compression": textMap(["chunk_length_in_kb": "16", "class": "org.apache.cassandra.io.compress.LZ4Compressor"]),
            "crc_check_chance": .double(1),
            "dclocal_read_repair_chance": .double(0),
            "default_time_to_live": .int(0),
            "extensions": .map([]),
            "gc_grace_seconds": .int(864_000),
            "incremental_backups": nil,
            "max_index_interval": .int(2048),
            "memtable": nil,
            "memtable_flush_period_in_ms": .int(0),
            "min_index_interval": .int(128),
            "read_repair": text("BLOCKING"),
            "read_repair_chance": .double(0),
            "speculative_retry": text("99p"),
        ]])
        XCTAssertEqual(try Fixture.shopRows("tables", state: state).map { $0["table_name"] }, [text("orders")], "a view is not a table row")
        let viewColumns = try Fixture.shopRows("columns", state: state).filter { $0["table_name"] == text("orders_by_item") }
        XCTAssertEqual(viewColumns.map { [$0["column_name"], $0["kind"], $0["position"], $0["clustering_order"]] }, [
            [text("Total"), text("regular"), .int(-1), text("none")],
            [text("customer"), text("clustering"), .int(0), text("asc")],
            [text("item"), text("partition_key"), .int(0), text("none")],
            [text("placed_at"), text("clustering"), .int(2), text("desc")],
            [text("region"), text("clustering"), .int(1), text("asc")],
        ])
        XCTAssertNotEqual(SystemTables.schemaVersion(of: state), SystemTables.schemaVersion(of: Fixture.state()))
    }

    func testUnpopulatedSchemaTablesAreEmptyWithCassandrasKeys() throws {
        let expectedKeys: [String: ([String], [String])] = [
            "dropped_columns": (["keyspace_name"], ["table_name", "column_name"]),
            "triggers": (["keyspace_name"], ["table_name", "trigger_name"]),
            "views": (["keyspace_name"], ["view_name"]),
            "functions": (["keyspace_name"], ["function_name", "argument_types"]),
            "aggregates": (["keyspace_name"], ["aggregate_name", "argument_types"]),
            "column_masks": (["keyspace_name"], ["table_name", "column_name"]),
        ]
        for (name, keys) in expectedKeys {
            let table = try XCTUnwrap(SystemTables.table(keyspace: "system_schema", name: name, state: Fixture.state(),
                                                         node: Fixture.node, schemaVersion: UUID()))
            XCTAssertTrue(table.store.partitions.isEmpty, name)
            XCTAssertEqual(table.schema.partitionKey.map { table.schema.columns[$0].name }, keys.0, name)
            XCTAssertEqual(table.schema.clustering.map { table.schema.columns[$0].name }, keys.1, name)
        }
        XCTAssertNil(SystemTables.table(keyspace: "system_schema", name: "nope", state: Fixture.state(), node: Fixture.node, schemaVersion: UUID()))
        XCTAssertNil(SystemTables.table(keyspace: "shop", name: "orders", state: Fixture.state(), node: Fixture.node, schemaVersion: UUID()))
    }

    func testSystemTablesAreDescribedInSystemSchema() throws {
        let state = Fixture.state()
        let local = try Fixture.rows("system_schema", "tables", state: state)
            .first { self.field($0, "keyspace_name") == text("system") && self.field($0, "table_name") == text("local") }
        XCTAssertEqual(field(local, "id"), .uuid(UUID(uuidString: "7ad54392-bcdd-35a6-8417-4e047860b377")!))
        XCTAssertEqual(field(local, "comment"), text("information about the local node"))
        XCTAssertEqual(field(local, "gc_grace_seconds"), .int(0))
        XCTAssertEqual(field(local, "memtable_flush_period_in_ms"), .int(3_600_000))
        let tokens = try Fixture.rows("system_schema", "columns", state: state)
            .first { self.field($0, "table_name") == text("local") && self.field($0, "column_name") == text("tokens") }
        XCTAssertEqual(field(tokens, "type"), text("set<text>"))
        let replication = try Fixture.rows("system_schema", "columns", state: state)
            .first { self.field($0, "table_name") == text("keyspaces") && self.field($0, "column_name") == text("replication") }
        XCTAssertEqual(field(replication, "type"), text("frozen<map<text, text>>"))
    }

    func testSystemLocalReportsTheNode() throws {
        let version = UUID(uuidString: "8b3f0c48-6e2f-3a5d-9b7e-000000000001")!
        let rows = try Fixture.rows("system", "local", state: Fixture.state(), version: version)
        let localhost = CQLValue.inet(CQLInetAddress("127.0.0.1")!)
        XCTAssertEqual(rows, [[
            "key": text("local"), "bootstrapped": text("COMPLETED"),
            "broadcast_address": localhost, "broadcast_port": .int(7000),
            "cluster_name": text("Test Cluster"), "cql_version": text("3.4.7"), "data_center": text("datacenter1"),
            "gossip_generation": .int(1_700_000_000), "host_id": .uuid(Fixture.hostID),
            "listen_address": localhost, "listen_port": .int(7000), "native_protocol_version": text("5"),
            "partitioner": text("org.apache.cassandra.dht.Murmur3Partitioner"), "rack": text("rack1"),
            "release_version": text("5.0.4"), "rpc_address": localhost, "rpc_port": .int(9042),
            "schema_version": .uuid(version),
            "tokens": .set([.text("-9000000000000000000"), .text("42")]),
            "truncated_at": nil,
        ]])
        let table = try XCTUnwrap(SystemTables.table(keyspace: "system", name: "local", state: Fixture.state(),
                                                     node: Fixture.node, schemaVersion: version))
        let key = Array("local".utf8)
        XCTAssertEqual(table.store.partition(key)?.token, Murmur3Partitioner.token(for: key))
    }

    func testPeersTablesAreEmptyWithCassandrasKeys() throws {
        for (name, clustering) in [("peers_v2", ["peer_port"]), ("peers", [])] {
            let table = try XCTUnwrap(SystemTables.table(keyspace: "system", name: name, state: Fixture.state(),
                                                         node: Fixture.node, schemaVersion: UUID()))
            XCTAssertTrue(table.store.partitions.isEmpty)
            XCTAssertEqual(table.schema.partitionKey.map { table.schema.columns[$0].name }, ["peer"])
            XCTAssertEqual(table.schema.clustering.map { table.schema.columns[$0].name }, clustering)
            XCTAssertEqual(table.schema.column(named: "tokens")?.typeText, "set<text>")
        }
        XCTAssertNotNil(SystemTables.table(keyspace: "system", name: "peers_v2", state: Fixture.state(), node: Fixture.node, schemaVersion: UUID())?
            .schema.column(named: "native_port"))
    }

    func testPeersTablesListThePeersWithCassandrasColumns() throws {
        let version = UUID(uuidString: "00000000-0000-3000-8000-000000000001")!
        var peer = Fixture.node
        peer.hostID = UUID(uuidString: "22222222-2222-4222-8222-222222222222")!
        peer.listenAddress = CQLInetAddress("127.0.0.2")!
        peer.rpcAddress = CQLInetAddress("127.0.0.2")!
        peer.datacenter = "dc2"
        peer.rack = "rack2"
        peer.tokens = [7]
        let address = CQLValue.inet(CQLInetAddress("127.0.0.2")!)
        XCTAssertEqual(try Fixture.rows("system", "peers_v2", state: Fixture.state(), peers: [peer], version: version), [[
            "peer": address, "peer_port": .int(7000), "data_center": text("dc2"), "host_id": .uuid(peer.hostID),
            "preferred_ip": nil, "preferred_port": nil, "rack": text("rack2"), "release_version": text("5.0.4"),
            "native_address": address, "native_port": .int(9042), "schema_version": .uuid(version), "tokens": .set([.text("7")]),
        ]])
        XCTAssertEqual(try Fixture.rows("system", "peers", state: Fixture.state(), peers: [peer], version: version), [[
            "peer": address, "data_center": text("dc2"), "host_id": .uuid(peer.hostID), "preferred_ip": nil, "rack": text("rack2"),
            "release_version": text("5.0.4"), "rpc_address": address, "schema_version": .uuid(version), "tokens": .set([.text("7")]),
        ]])
    }

    func testVirtualSchemaDescribesItself() throws {
        let state = Fixture.state()
        XCTAssertEqual(try Fixture.rows("system_virtual_schema", "keyspaces", state: state),
                       [["keyspace_name": text("system_virtual_schema")]])
        XCTAssertEqual(try Fixture.rows("system_virtual_schema", "tables", state: state), [
            ["keyspace_name": text("system_virtual_schema"), "table_name": text("columns"), "comment": text("virtual column definitions")],
            ["keyspace_name": text("system_virtual_schema"), "table_name": text("keyspaces"), "comment": text("virtual keyspace definitions")],
            ["keyspace_name": text("system_virtual_schema"), "table_name": text("tables"), "comment": text("virtual table definitions")],
        ])
        let columns = try Fixture.rows("system_virtual_schema", "columns", state: state)
        XCTAssertEqual(columns.count, 8 + 1 + 3)
        let tableName = columns.first { self.field($0, "table_name") == text("tables") && self.field($0, "column_name") == text("table_name") }
        XCTAssertEqual(field(tableName, "kind"), text("clustering"))
    }

    func testSchemaVersionIsStableForEqualCatalogs() {
        XCTAssertEqual(SystemTables.schemaVersion(of: Fixture.state()), SystemTables.schemaVersion(of: Fixture.state()))
        var withData = Fixture.state()
        withData.stores[Fixture.tableID] = TableStore()
        XCTAssertEqual(SystemTables.schemaVersion(of: withData), SystemTables.schemaVersion(of: Fixture.state()))
        XCTAssertEqual(SystemTables.schemaVersion(of: Fixture.state()).uuid.6 >> 4, 3)
    }

    func testSchemaVersionChangesWithEverySchemaChange() {
        let base = SystemTables.schemaVersion(of: Fixture.state())
        var changes: [String: StorageEngine.State] = [:]
        changes["empty"] = StorageEngine.State()
        changes["option"] = modified { $0.keyspaces["shop"]?.tables["orders"]?.options["comment"] = "'other'" }
        changes["add column"] = modified {
            $0.keyspaces["shop"]?.tables["orders"]?.addColumn(ColumnSchema(name: "extra", type: .int, isFrozen: false, kind: .regular))
        }
        changes["drop and re-add"] = modified {
            $0.keyspaces["shop"]?.tables["orders"]?.dropColumn(named: "Total")
            $0.keyspaces["shop"]?.tables["orders"]?.addColumn(ColumnSchema(name: "Total", type: .double, isFrozen: false, kind: .regular))
        }
        changes["index"] = modified { $0.keyspaces["shop"]?.tables["orders"]?.indexes.removeLast() }
        changes["type"] = modified { $0.keyspaces["shop"]?.types[0].fields.append(.init(name: "city", type: .text)) }
        changes["replication"] = modified { $0.keyspaces["shop"]?.replication["replication_factor"] = "3" }
        changes["keyspace"] = modified { $0.keyspaces["other"] = KeyspaceDefinition(name: "other", replication: ["class": "SimpleStrategy"]) }
        var seen: Set<UUID> = [base]
        for (name, state) in changes {
            let version = SystemTables.schemaVersion(of: state)
            XCTAssertTrue(seen.insert(version).inserted, "\(name) did not give a new schema version")
        }
    }

    private func modified(_ change: (inout StorageEngine.State) -> Void) -> StorageEngine.State {
        var state = Fixture.state()
        change(&state)
        return state
    }
}
