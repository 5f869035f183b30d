#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// The tables of the `system` keyspace that drivers read, declared exactly as Cassandra
/// 5.0's `SystemKeyspace` declares them (`gc_grace_seconds` 0, as for all `system` tables).
enum SystemKeyspaceTables {
    /// The keyspace name.
    static let keyspace = "system"

    /// `system.local`: one row, keyed `'local'`, describing this node.
    static let local = TableSchema.system(keyspace, "local", comment: "information about the local node", gcGraceSeconds: 0, columns: [
        SystemColumn("key", .text),
        SystemColumn("bootstrapped", .text),
        SystemColumn("broadcast_address", .inet),
        SystemColumn("broadcast_port", .int),
        SystemColumn("cluster_name", .text),
        SystemColumn("cql_version", .text),
        SystemColumn("data_center", .text),
        SystemColumn("gossip_generation", .int),
        SystemColumn("host_id", .uuid),
        SystemColumn("listen_address", .inet),
        SystemColumn("listen_port", .int),
        SystemColumn("native_protocol_version", .text),
        SystemColumn("partitioner", .text),
        SystemColumn("rack", .text),
        SystemColumn("release_version", .text),
        SystemColumn("rpc_address", .inet),
        SystemColumn("rpc_port", .int),
        SystemColumn("schema_version", .uuid),
        SystemColumn("tokens", .set(.text)),
        SystemColumn("truncated_at", .map(.uuid, .blob)),
    ], partitionKey: ["key"])

    /// `system.peers_v2`: the other nodes of the cluster (none for a single node).
    static let peersV2 = TableSchema.system(keyspace, "peers_v2", comment: "information about known peers in the cluster", gcGraceSeconds: 0, columns: [
        SystemColumn("peer", .inet),
        SystemColumn("peer_port", .int),
        SystemColumn("data_center", .text),
        SystemColumn("host_id", .uuid),
        SystemColumn("preferred_ip", .inet),
        SystemColumn("preferred_port", .int),
        SystemColumn("rack", .text),
        SystemColumn("release_version", .text),
        SystemColumn("native_address", .inet),
        SystemColumn("native_port", .int),
        SystemColumn("schema_version", .uuid),
        SystemColumn("tokens", .set(.text)),
    ], partitionKey: ["peer"], clustering: ["peer_port"])

    /// `system.peers`, the pre-4.0 peers table that older drivers read (same nodes as
    /// `peers_v2`, without ports).
    static let peers = TableSchema.system(keyspace, "peers", comment: "information about known peers in the cluster", gcGraceSeconds: 0, columns: [
        SystemColumn("peer", .inet),
        SystemColumn("data_center", .text),
        SystemColumn("host_id", .uuid),
        SystemColumn("preferred_ip", .inet),
        SystemColumn("rack", .text),
        SystemColumn("release_version", .text),
        SystemColumn("rpc_address", .inet),
        SystemColumn("schema_version", .uuid),
        SystemColumn("tokens", .set(.text)),
    ], partitionKey: ["peer"])

    /// Every served `system` table.
    static let all: [TableSchema] = [local, peersV2, peers]

    /// The one row of `system.local`, with the values Cassandra writes at startup.
    static func localRow(node: NodeIdentity, schemaVersion: UUID) -> VirtualRow {
        [
            "key": .text("local"),
            "bootstrapped": .text("COMPLETED"),
            "broadcast_address": .inet(node.listenAddress),
            "broadcast_port": .int(node.storagePort),
            "cluster_name": .text(node.clusterName),
            "cql_version": .text(node.cqlVersion),
            "data_center": .text(node.datacenter),
            "gossip_generation": .int(node.gossipGeneration),
            "host_id": .uuid(node.hostID),
            "listen_address": .inet(node.listenAddress),
            "listen_port": .int(node.storagePort),
            "native_protocol_version": .text(node.nativeProtocolVersion),
            "partitioner": .text(node.partitioner),
            "rack": .text(node.rack),
            "release_version": .text(node.releaseVersion),
            "rpc_address": .inet(node.rpcAddress),
            "rpc_port": .int(node.rpcPort),
            "schema_version": .uuid(schemaVersion),
            "tokens": .textSet(node.tokens.map(String.init)),
        ]
    }

    /// A peer's row of `system.peers_v2`, as Cassandra's `SystemKeyspace.updatePeerInfo`
    /// fills it: `preferred_ip`/`preferred_port` stay null (they are only set by snitches
    /// that prefer a private address).
    static func peerV2Row(_ peer: NodeIdentity, schemaVersion: UUID) -> VirtualRow {
        [
            "peer": .inet(peer.listenAddress),
            "peer_port": .int(peer.storagePort),
            "data_center": .text(peer.datacenter),
            "host_id": .uuid(peer.hostID),
            "rack": .text(peer.rack),
            "release_version": .text(peer.releaseVersion),
            "native_address": .inet(peer.rpcAddress),
            "native_port": .int(peer.rpcPort),
            "schema_version": .uuid(schemaVersion),
            "tokens": .textSet(peer.tokens.map(String.init)),
        ]
    }

    /// A peer's row of the legacy `system.peers`: no ports, the client address in
    /// `rpc_address`.
    static func peerRow(_ peer: NodeIdentity, schemaVersion: UUID) -> VirtualRow {
        [
            "peer": .inet(peer.listenAddress),
            "data_center": .text(peer.datacenter),
            "host_id": .uuid(peer.hostID),
            "rack": .text(peer.rack),
            "release_version": .text(peer.releaseVersion),
            "rpc_address": .inet(peer.rpcAddress),
            "schema_version": .uuid(schemaVersion),
            "tokens": .textSet(peer.tokens.map(String.init)),
        ]
    }
}
