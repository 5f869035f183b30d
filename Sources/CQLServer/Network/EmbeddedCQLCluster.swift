#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CQLProtocol
import Synchronization
import UVLoop

/// Several ``EmbeddedCQLServer`` nodes in one process, forming a Cassandra-5.0-like cluster
/// that drivers discover and route over real sockets.
///
/// Node `i` listens on `127.0.0.(i + 1)`, every node on the same port (Linux routes all of
/// `127.0.0.0/8` to the loopback interface without configuration). Each node has its own
/// host id, evenly spaced Murmur3 tokens, datacenter and rack, prepared statements, fault
/// rules and request counts; `system.local` describes the node and `system.peers_v2` /
/// `system.peers` list the others.
///
/// All nodes share one catalog and one copy of the data, so every node sees every write at
/// once: replication is trivially consistent whatever the keyspace's replication factor, and
/// schema versions always agree. Data lives in memory only.
///
/// ```swift
/// let cluster = try await EmbeddedCQLCluster.start(nodeCount: 3, datacenters: ["dc1", "dc2"])
/// cluster.nodes[1].addFaultRule(FaultRule(.opcode(.execute), .delay(.seconds(1))))
/// await cluster.stopNode(2)            // the others send STATUS_CHANGE DOWN
/// try await cluster.restartNode(2)     // same address, host id and tokens; then UP
/// try await cluster.shutdown()
/// ```
///
/// ## Events
/// Stopping a node closes its listener and connections, then every other running node sends
/// `STATUS_CHANGE DOWN` for it to its registered connections; restarting sends
/// `STATUS_CHANGE UP`. As in Cassandra, a known node going down or up sends no
/// `TOPOLOGY_CHANGE` (the membership does not change). A schema change made through any
/// node is sent to the registered connections of every running node, since a driver
/// registers on one node only.
public final class EmbeddedCQLCluster: Sendable {
    /// How to run the cluster.
    public struct Configuration: Sendable {
        /// The number of nodes, 1 to 254.
        public var nodeCount: Int
        /// The port every node listens on; 0 picks a free ephemeral port (the same for all).
        public var port: Int
        /// The datacenters; node `i` is in `datacenters[i % datacenters.count]`.
        public var datacenters: [String]
        /// The racks of each datacenter, named `rack1`, `rack2`, …; a datacenter's nodes are
        /// spread over them in turn.
        public var racksPerDatacenter: Int
        /// The tokens of each node (Cassandra's `num_tokens`). The cluster's tokens are evenly
        /// spaced over the ring and dealt to the nodes in turn.
        public var tokensPerNode: Int
        /// Users for PasswordAuthenticator, on every node; empty disables authentication.
        public var credentials: [String: String]
        /// The number of event loop threads of each node.
        public var eventLoopCount: Int

        /// Creates a configuration.
        public init(nodeCount: Int = 3, port: Int = 0, datacenters: [String] = ["datacenter1"],
                    racksPerDatacenter: Int = 1, tokensPerNode: Int = 1, credentials: [String: String] = [:],
                    eventLoopCount: Int = 1) {
            self.nodeCount = nodeCount
            self.port = port
            self.datacenters = datacenters
            self.racksPerDatacenter = racksPerDatacenter
            self.tokensPerNode = tokensPerNode
            self.credentials = credentials
            self.eventLoopCount = eventLoopCount
        }
    }

    /// The nodes; node `i` listens on `127.0.0.(i + 1)`. A node object stays the same
    /// across ``stopNode(_:)`` and ``restartNode(_:)``, with its fault rules and counts.
    public let nodes: [EmbeddedCQLServer]
    /// Every ring token with the index of its node, by token.
    private let ring: [(token: Int64, node: Int)]

    private init(nodes: [EmbeddedCQLServer], ring: [(token: Int64, node: Int)]) {
        self.nodes = nodes
        self.ring = ring
    }

    /// Starts a cluster of `nodeCount` nodes with one token each.
    /// - Parameters:
    ///   - nodeCount: the number of nodes, 1 to 254.
    ///   - port: the port of every node; 0 for a free ephemeral one.
    ///   - datacenters: the datacenters, dealt to the nodes in turn; `nil` puts every node in
    ///     `datacenter1`.
    /// - Returns: the running cluster.
    /// - Throws: ``EmbeddedCQLServer/StartError`` for an invalid configuration, or the libuv
    ///   error when an address cannot be bound.
    public static func start(nodeCount: Int, port: Int = 0, datacenters: [String]? = nil) async throws -> EmbeddedCQLCluster {
        try await start(Configuration(nodeCount: nodeCount, port: port, datacenters: datacenters ?? [LocalNode.datacenter]))
    }

    /// Starts a cluster.
    /// - Parameter configuration: the nodes, their placement and the port.
    /// - Returns: the running cluster.
    /// - Throws: ``EmbeddedCQLServer/StartError`` for an invalid configuration, or the libuv
    ///   error when an address cannot be bound.
    public static func start(_ configuration: Configuration) async throws -> EmbeddedCQLCluster {
        try validate(configuration)
        // An ephemeral port free on 127.0.0.1 may be taken on another loopback address:
        // then try another port.
        var attempt = 0
        while true {
            do {
                return try await startOnce(configuration)
            } catch let error as UVError where error.code == .addressInUse && configuration.port == 0 && attempt < 8 {
                attempt += 1
            }
        }
    }

    private static func validate(_ configuration: Configuration) throws {
        func fail(_ message: String) -> EmbeddedCQLServer.StartError { .init(message: "EmbeddedCQLCluster: " + message) }
        guard (1...254).contains(configuration.nodeCount) else { throw fail("nodeCount must be 1 to 254 (one loopback address each)") }
        guard !configuration.datacenters.isEmpty else { throw fail("datacenters must name at least one datacenter") }
        guard configuration.racksPerDatacenter >= 1 else { throw fail("racksPerDatacenter must be at least 1") }
        guard configuration.tokensPerNode >= 1 else { throw fail("tokensPerNode must be at least 1") }
    }

    private static func startOnce(_ configuration: Configuration) async throws -> EmbeddedCQLCluster {
        let engine = StorageEngine()
        var identities: [NodeIdentity] = []
        var nodes: [EmbeddedCQLServer] = []
        func processor(_ index: Int) -> QueryProcessor {
            QueryProcessor(engine: engine, node: identities[index], peers: identities.enumerated().filter { $0.offset != index }.map(\.element),
                           commitLog: nil, clock: EmbeddedCQLServer.wallClock)
        }
        do {
            for index in 0..<configuration.nodeCount {
                let port = nodes.first?.port ?? configuration.port
                let node = try await EmbeddedCQLServer.start(
                    host: address(of: index), port: port, credentials: configuration.credentials,
                    eventLoopCount: configuration.eventLoopCount
                ) { boundPort in
                    if identities.isEmpty { identities = Self.identities(configuration, port: boundPort) }
                    return processor(index)
                }
                nodes.append(node)
            }
        } catch {
            for node in nodes { try? await node.shutdown() }
            throw error
        }
        var ring: [(token: Int64, node: Int)] = []
        for (index, identity) in identities.enumerated() {
            for token in identity.tokens { ring.append((token, index)) }
        }
        let cluster = EmbeddedCQLCluster(nodes: nodes, ring: ring.sorted { $0.token < $1.token })
        for node in nodes {
            node.routeSchemaChanges { [weak cluster] event in cluster?.broadcast(event, except: nil) }
        }
        return cluster
    }

    /// The loopback address of node `index`.
    private static func address(of index: Int) -> String { "127.0.0.\(index + 1)" }

    /// What each node reports about itself.
    private static func identities(_ configuration: Configuration, port: Int) -> [NodeIdentity] {
        let count = configuration.nodeCount
        let tokens = evenlySpacedTokens(count * configuration.tokensPerNode)
        return (0..<count).map { index in
            let address = CQLInetAddress(Self.address(of: index))!
            let datacenters = configuration.datacenters
            let rack = (index / datacenters.count) % configuration.racksPerDatacenter + 1
            return NodeIdentity(hostID: UUID(), listenAddress: address, rpcAddress: address, rpcPort: Int32(port),
                                clusterName: LocalNode.clusterName, datacenter: datacenters[index % datacenters.count],
                                rack: "rack\(rack)", releaseVersion: LocalNode.releaseVersion, cqlVersion: LocalNode.cqlVersion,
                                nativeProtocolVersion: LocalNode.nativeProtocolVersion, partitioner: LocalNode.partitioner,
                                tokens: stride(from: index, to: tokens.count, by: count).map { tokens[$0] })
        }
    }

    /// `count` tokens spaced evenly from the ring's minimum, as `token-generator` computes
    /// them: `-2^63 + i * (2^64 / count)`.
    static func evenlySpacedTokens(_ count: Int) -> [Int64] {
        let step = count == 1 ? 0 : UInt64.max / UInt64(count) + (UInt64.max % UInt64(count) == UInt64(count) - 1 ? 1 : 0)
        return (0..<count).map { Int64(bitPattern: UInt64(bitPattern: Int64.min) &+ UInt64($0) &* step) }
    }

    // MARK: Topology

    /// `host:port` of every node, for a driver's contact points.
    public var contactPoints: [String] { nodes.map { "\($0.host):\($0.port)" } }

    /// The port every node listens on.
    public var port: Int { nodes[0].port }

    /// The index of the node owning `token`: the owner of the first ring token `>= token`,
    /// wrapping around to the smallest (its primary replica, the only one at RF 1).
    /// - Parameter token: a Murmur3 token.
    /// - Returns: an index into ``nodes``.
    public func nodeIndex(owning token: Int64) -> Int {
        ring.first { $0.token >= token }?.node ?? ring[0].node
    }

    /// The index of the node owning the partition whose serialized key is `key` (for a single
    /// `int` key, its four big-endian bytes).
    /// - Parameter key: the routing key, as ``CQLProtocol/Murmur3Partitioner/routingKey(_:)``
    ///   builds it.
    /// - Returns: an index into ``nodes``.
    public func nodeIndex(owningPartitionKey key: [UInt8]) -> Int {
        nodeIndex(owning: Murmur3Partitioner.token(for: key))
    }

    // MARK: Stopping and restarting

    /// Stops node `index` as a crash would look to clients: it stops listening and closes its
    /// connections (this returns once they are closed); then the other running nodes send
    /// `STATUS_CHANGE DOWN` for it. Its data and prepared statements stay.
    /// - Parameter index: an index into ``nodes``; stopping a stopped node does nothing.
    public func stopNode(_ index: Int) async {
        let node = nodes[index]
        guard node.isRunning else { return }
        node.stopListening()
        let deadline = ContinuousClock.now + .seconds(5)
        while node.connectionCount > 0 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(2))
        }
        broadcast(.statusChange(.down, node: endpoint(of: node)), except: index)
    }

    /// Starts node `index` again on the same address and port, with the same host id and
    /// tokens; then the other running nodes send `STATUS_CHANGE UP` for it. Prepared
    /// statements survive the restart, as Cassandra reloads them from
    /// `system.prepared_statements` (call ``EmbeddedCQLServer/forgetPreparedStatements()``
    /// to simulate a node that lost them).
    /// - Parameter index: an index into ``nodes``; restarting a running node does nothing.
    /// - Throws: the libuv error when the address cannot be bound again.
    public func restartNode(_ index: Int) async throws {
        let node = nodes[index]
        guard !node.isRunning else { return }
        try await node.resumeListening()
        broadcast(.statusChange(.up, node: endpoint(of: node)), except: index)
    }

    /// Takes node `index` out of the cluster, as `nodetool decommission` does: the other nodes
    /// stop listing it in `system.peers` and `system.peers_v2` and announce a `REMOVED_NODE`
    /// topology change. The node itself keeps serving the connections and requests it has
    /// (the data is shared), so tests can check what a driver does with requests in flight to
    /// a node that leaves.
    /// - Parameter index: the node, `0..<nodes.count`.
    public func decommissionNode(_ index: Int) {
        let leaving = nodes[index]
        for (other, node) in nodes.enumerated() where other != index {
            node.processor.removePeer(hostID: leaving.processor.node.hostID)
        }
        broadcast(.topologyChange(.removedNode, node: endpoint(of: leaving)), except: index)
    }

    /// Stops every node and joins their event loop threads.
    /// - Throws: only if an event loop reports a leaked handle.
    public func shutdown() async throws {
        for node in nodes { try await node.shutdown() }
    }

    /// Sends `event` to the registered connections of every running node but `excluded`.
    private func broadcast(_ event: ResponseMessage.Event, except excluded: Int?) {
        for (index, node) in nodes.enumerated() where index != excluded && node.isRunning {
            node.broadcast(event)
        }
    }

    /// The address and native port clients reach `node` on, as events name it.
    private func endpoint(of node: EmbeddedCQLServer) -> CQLInetEndpoint {
        CQLInetEndpoint(address: node.processor.node.rpcAddress, port: node.processor.node.rpcPort)
    }
}
