#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol

/// What the node reports about itself in `system.local`.
///
/// The defaults of the trailing properties are what a stock Cassandra 5.0 node reports.
struct NodeIdentity: Sendable {
    /// `host_id`.
    var hostID: UUID
    /// `listen_address`, also reported as `broadcast_address` (a single node broadcasts
    /// the address it listens on).
    var listenAddress: CQLInetAddress
    /// `rpc_address`: where clients connect.
    var rpcAddress: CQLInetAddress
    /// `rpc_port`: the native transport port.
    var rpcPort: Int32
    /// `cluster_name`.
    var clusterName: String
    /// `data_center`.
    var datacenter: String
    /// `rack`.
    var rack: String
    /// `release_version`, e.g. `5.0.4`.
    var releaseVersion: String
    /// `cql_version`, e.g. `3.4.7`.
    var cqlVersion: String
    /// `native_protocol_version`, e.g. `5`.
    var nativeProtocolVersion: String
    /// `partitioner`: the partitioner's Java class name.
    var partitioner: String
    /// The node's tokens, reported as their decimal text in `tokens`.
    var tokens: [Int64]
    /// `listen_port` and `broadcast_port`: the inter-node storage port.
    var storagePort: Int32 = 7000
    /// `gossip_generation`: seconds since the epoch when the node started.
    var gossipGeneration: Int32 = 0
}
