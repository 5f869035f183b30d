#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// The virtual system tables that drivers read to discover the node and the schema,
/// computed from the catalog on each read, as Cassandra 5.0 (single node) presents them.
///
/// Served: `system.local`, `system.peers_v2` and `system.peers` (the node's peers, none for
/// a single node), every table of
/// `system_schema`, and `system_virtual_schema.keyspaces/tables/columns`. The SELECT
/// executor runs ordinary SELECT semantics over the returned store.
///
/// ```swift
/// let version = SystemTables.schemaVersion(of: state)
/// if let (schema, store) = SystemTables.table(keyspace: "system", name: "local", state: state,
///                                             node: node, schemaVersion: version) { … }
/// ```
enum SystemTables {
    /// The schema and rows of a virtual table, or `nil` when `keyspace.table` is not one.
    /// - Parameters:
    ///   - keyspace: The keyspace name (case-sensitive, as stored).
    ///   - name: The table name.
    ///   - state: The catalog to describe.
    ///   - node: What `system.local` reports.
    ///   - peers: The other nodes of the cluster, listed in `system.peers_v2` and
    ///     `system.peers`; every node shares the catalog, so each reports `schemaVersion`.
    ///   - schemaVersion: The `schema_version` to report, normally ``schemaVersion(of:)``.
    /// - Returns: The table's schema and a store holding its rows.
    static func table(keyspace: String, name: String, state: StorageEngine.State, node: NodeIdentity,
                      peers: [NodeIdentity] = [], schemaVersion: UUID) -> (schema: TableSchema, store: TableStore)? {
        let rows: [VirtualRow]
        let schema: TableSchema
        switch keyspace {
        case SystemKeyspaceTables.keyspace:
            guard let table = SystemKeyspaceTables.all.first(where: { $0.name == name }) else { return nil }
            schema = table
            switch table.name {
            case SystemKeyspaceTables.local.name: rows = [SystemKeyspaceTables.localRow(node: node, schemaVersion: schemaVersion)]
            case SystemKeyspaceTables.peersV2.name: rows = peers.map { SystemKeyspaceTables.peerV2Row($0, schemaVersion: schemaVersion) }
            case SystemKeyspaceTables.peers.name: rows = peers.map { SystemKeyspaceTables.peerRow($0, schemaVersion: schemaVersion) }
            default: rows = []
            }
        case SchemaKeyspaceTables.keyspace:
            guard let table = SchemaKeyspaceTables.all.first(where: { $0.name == name }) else { return nil }
            schema = table
            rows = allKeyspaces(in: state).flatMap { SchemaRows.all(of: $0)[name] ?? [] }
        case VirtualSchemaTables.keyspace:
            guard let table = VirtualSchemaTables.all.first(where: { $0.name == name }),
                  let virtualRows = VirtualSchemaTables.rows(of: name) else { return nil }
            schema = table
            rows = virtualRows
        default:
            return nil
        }
        return (schema, TableStore.virtual(schema, rows: rows))
    }

    /// The names of the system keyspaces: the ones listed in `system_schema.keyspaces`
    /// plus the virtual `system_virtual_schema`. `USE` accepts each of them.
    static var keyspaceNames: Set<String> {
        Set(keyspaces.map(\.name)).union([VirtualSchemaTables.keyspace])
    }

    /// The system keyspaces as `system_schema.keyspaces` lists them on a Cassandra 5.0
    /// single node, with the tables served here.
    ///
    /// `system` and `system_schema` use `LocalStrategy`; `system_auth` (RF 1),
    /// `system_distributed` (RF 3) and `system_traces` (RF 2) use `SimpleStrategy`.
    static let keyspaces: [KeyspaceDefinition] = [
        systemKeyspace(SystemKeyspaceTables.keyspace, replication: local, tables: SystemKeyspaceTables.all),
        systemKeyspace(SchemaKeyspaceTables.keyspace, replication: local, tables: SchemaKeyspaceTables.all),
        systemKeyspace("system_auth", replication: simple(1), tables: []),
        systemKeyspace("system_distributed", replication: simple(3), tables: []),
        systemKeyspace("system_traces", replication: simple(2), tables: []),
    ]

    /// The virtual keyspace `system_virtual_schema`, for `USE` and table lookups (it is not
    /// listed in `system_schema.keyspaces`, only in `system_virtual_schema.keyspaces`).
    static let virtualKeyspace = systemKeyspace(VirtualSchemaTables.keyspace, replication: [:], tables: VirtualSchemaTables.all)

    /// A deterministic schema version derived from the catalog's contents: the name-based
    /// UUID of the `system_schema` rows of every non-system keyspace (and each table's
    /// storage slot count, so dropping and re-adding a column counts as a change).
    ///
    /// Equal catalogs give equal versions and any schema change gives a new one; the value
    /// differs from the one Cassandra would compute, which digests its internal mutations.
    static func schemaVersion(of state: StorageEngine.State) -> UUID {
        var bytes: [UInt8] = []
        for keyspace in state.keyspaces.values.sorted(by: { $0.name < $1.name }) where !keyspaceNames.contains(keyspace.name) {
            let rows = SchemaRows.all(of: keyspace)
            for table in SchemaKeyspaceTables.all {
                for row in rows[table.name] ?? [] { appendCanonical(row, of: table, to: &bytes) }
            }
            for table in keyspace.tables.values.sorted(by: { $0.name < $1.name }) {
                withUnsafeBytes(of: Int64(table.slotCount).bigEndian) { bytes += $0 }
            }
        }
        return MD5.nameUUID(from: bytes)
    }

    /// Every keyspace `system_schema` describes: the system ones, then the catalog's.
    private static func allKeyspaces(in state: StorageEngine.State) -> [KeyspaceDefinition] {
        let systemNames = Set(keyspaces.map(\.name))
        return keyspaces + state.keyspaces.values.filter { !systemNames.contains($0.name) }.sorted { $0.name < $1.name }
    }

    private static let local = ["class": "org.apache.cassandra.locator.LocalStrategy"]

    private static func simple(_ factor: Int) -> [String: String] {
        ["class": "org.apache.cassandra.locator.SimpleStrategy", "replication_factor": String(factor)]
    }

    private static func systemKeyspace(_ name: String, replication: [String: String], tables: [TableSchema]) -> KeyspaceDefinition {
        var keyspace = KeyspaceDefinition(name: name, replication: replication, durableWrites: true)
        for table in tables { keyspace.tables[table.name] = table }
        return keyspace
    }

    /// Appends `row` as `[int]`-length-prefixed values in `table`'s column order
    /// (length -1 for null), so distinct rows never share an encoding.
    private static func appendCanonical(_ row: VirtualRow, of table: TableSchema, to bytes: inout [UInt8]) {
        var buffer = CQLBuffer()
        buffer.writeString(table.name)
        for column in table.columns {
            buffer.writeBytes(row[column.name].flatMap { try? $0.serialized(as: column.type) })
        }
        bytes += buffer.bytes
    }
}
