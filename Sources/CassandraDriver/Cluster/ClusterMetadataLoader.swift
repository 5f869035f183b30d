#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// Builds nodes and schema metadata from `system.local`, `system.peers_v2` (or
/// `system.peers`) and `system_schema`: pure functions over result sets, so they are tested
/// without a server.
enum ClusterMetadataLoader {
    /// Where to reach a node plus its ``Node`` value.
    struct DiscoveredNode: Sendable {
        var node: Node
        var host: String
        var port: Int
        var schemaVersion: UUID?
    }

    /// The node described by the `system.local` row, reached through `contactPoint`.
    static func localNode(_ row: Row, contactPoint: (host: String, port: Int)) throws -> DiscoveredNode {
        let id = try row.column("host_id", as: UUID.self) ?? UUID()
        let rpcAddress = try row.column("rpc_address", as: CQLInetAddress.self)
        let address = CQLInetAddress(contactPoint.host) ?? rpcAddress
            ?? CQLInetAddress("127.0.0.1")!
        let node = Node(id: id, endpoint: CQLInetEndpoint(address: address, port: Int32(contactPoint.port)),
                        datacenter: try row.column("data_center", as: String.self),
                        rack: try row.column("rack", as: String.self),
                        tokens: tokens(try row.column("tokens", as: Set<String>.self)),
                        releaseVersion: try row.column("release_version", as: String.self))
        return DiscoveredNode(node: node, host: contactPoint.host, port: contactPoint.port,
                              schemaVersion: try row.column("schema_version", as: UUID.self))
    }

    /// A node from a `system.peers_v2` or `system.peers` row; `nil` when the row lacks the
    /// host id or an address (a peer still joining).
    static func peer(_ row: Row, defaultPort: Int) throws -> DiscoveredNode? {
        guard let id = try row.column("host_id", as: UUID.self) else { return nil }
        let nativeAddress = try row.column("native_address", as: CQLInetAddress.self)
        let rpcAddress = try nativeAddress ?? row.column("rpc_address", as: CQLInetAddress.self)
        let peerAddress = try row.column("peer", as: CQLInetAddress.self)
        guard var address = rpcAddress ?? peerAddress else { return nil }
        // A node bound to all interfaces reports 0.0.0.0: its peer address is the reachable one.
        if address.bytes.allSatisfy({ $0 == 0 }), let peerAddress { address = peerAddress }
        let port = try row.column("native_port", as: Int32.self).map(Int.init) ?? defaultPort
        let node = Node(id: id, endpoint: CQLInetEndpoint(address: address, port: Int32(port)),
                        datacenter: try row.column("data_center", as: String.self),
                        rack: try row.column("rack", as: String.self),
                        tokens: tokens(try row.column("tokens", as: Set<String>.self)),
                        releaseVersion: try row.column("release_version", as: String.self))
        return DiscoveredNode(node: node, host: address.description, port: port,
                              schemaVersion: try row.column("schema_version", as: UUID.self))
    }

    /// Murmur3 tokens from their text form, sorted; unparsable ones are skipped.
    static func tokens(_ text: Set<String>?) -> [Int64] {
        (text ?? []).compactMap { Int64($0) }.sorted()
    }

    /// Keyspace replication from `SELECT keyspace_name, replication, durable_writes FROM system_schema.keyspaces`.
    static func keyspaces(_ rows: ResultSet) throws -> [String: SchemaMetadata.Keyspace] {
        var keyspaces: [String: SchemaMetadata.Keyspace] = [:]
        for row in rows {
            guard let name = try row.column("keyspace_name", as: String.self) else { continue }
            let replication = try row.column("replication", as: [String: String].self) ?? [:]
            keyspaces[name] = SchemaMetadata.Keyspace(
                name: name, replication: ReplicationStrategy(replication: replication),
                durableWrites: try row.column("durable_writes", as: Bool.self) ?? true)
        }
        return keyspaces
    }

    /// Fills tables, columns, indexes and user types into `keyspaces`.
    static func schema(keyspaces: [String: SchemaMetadata.Keyspace], tables: ResultSet, columns: ResultSet,
                       indexes: ResultSet?, types: ResultSet?) throws -> SchemaMetadata {
        var keyspaces = keyspaces
        for row in tables {
            guard let keyspace = try row.column("keyspace_name", as: String.self),
                  let table = try row.column("table_name", as: String.self) else { continue }
            keyspaces[keyspace]?.tables[table] = SchemaMetadata.Table(name: table)
        }
        for row in columns {
            guard let keyspace = try row.column("keyspace_name", as: String.self),
                  let table = try row.column("table_name", as: String.self),
                  let name = try row.column("column_name", as: String.self) else { continue }
            let kind = SchemaMetadata.Column.Kind(rawValue: try row.column("kind", as: String.self) ?? "regular") ?? .regular
            let column = SchemaMetadata.Column(
                name: name, kind: kind, position: Int(try row.column("position", as: Int32.self) ?? -1),
                type: try row.column("type", as: String.self) ?? "",
                clusteringOrder: try row.column("clustering_order", as: String.self) ?? "none")
            keyspaces[keyspace]?.tables[table]?.columns.append(column)
        }
        for (keyspaceName, keyspace) in keyspaces {
            for (tableName, table) in keyspace.tables {
                keyspaces[keyspaceName]?.tables[tableName]?.columns = table.columns.sorted(by: columnOrder)
            }
        }
        for row in indexes ?? .empty {
            guard let keyspace = try row.column("keyspace_name", as: String.self),
                  let table = try row.column("table_name", as: String.self),
                  let name = try row.column("index_name", as: String.self) else { continue }
            let index = SchemaMetadata.Index(name: name, kind: try row.column("kind", as: String.self) ?? "COMPOSITES",
                                             options: try row.column("options", as: [String: String].self) ?? [:])
            keyspaces[keyspace]?.tables[table]?.indexes.append(index)
        }
        for row in types ?? .empty {
            guard let keyspace = try row.column("keyspace_name", as: String.self),
                  let name = try row.column("type_name", as: String.self) else { continue }
            keyspaces[keyspace]?.userTypes[name] = SchemaMetadata.UserType(
                name: name, fieldNames: try row.column("field_names", as: [String].self) ?? [],
                fieldTypes: try row.column("field_types", as: [String].self) ?? [])
        }
        return SchemaMetadata(keyspaces: keyspaces)
    }

    /// Partition key, then clustering (by position), then static and regular by name.
    private static func columnOrder(_ lhs: SchemaMetadata.Column, _ rhs: SchemaMetadata.Column) -> Bool {
        func rank(_ kind: SchemaMetadata.Column.Kind) -> Int {
            switch kind {
            case .partitionKey: 0
            case .clustering: 1
            case .staticColumn: 2
            case .regular: 3
            }
        }
        if rank(lhs.kind) != rank(rhs.kind) { return rank(lhs.kind) < rank(rhs.kind) }
        if lhs.position != rhs.position { return lhs.position < rhs.position }
        return lhs.name < rhs.name
    }
}

extension Row {
    /// The value of column `name`, `nil` when the column is absent or NULL.
    func column<T: CQLDecodable>(_ name: String, as type: T.Type) throws -> T? {
        guard result.columnIndex[name] != nil else { return nil }
        return try self[name, as: T?.self]
    }
}
