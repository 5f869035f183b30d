#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The Murmur3 token ring: every node's tokens, sorted, each mapped to the node that owns it.
///
/// A token `t` of a partition key belongs to the range `(previous ring token, next ring
/// token]`, so its primary replica is the owner of the first ring token `>= t`, wrapping to
/// the first ring token past the largest. The ring knows the nodes' placement (id,
/// datacenter, rack) only; their up/down state lives in ``ClusterSnapshot``.
///
/// Replica placement follows Cassandra's `SimpleStrategy` and
/// `NetworkTopologyStrategy.calculateNaturalEndpoints` (see
/// ``replicas(for:strategy:)``). Computing replicas walks the ring; ``ClusterSnapshot``
/// computes them once per ring position and strategy and caches the result.
public struct TokenRing: Sendable {
    /// The ring tokens in ascending order, without duplicates.
    public let tokens: [Int64]
    /// For each entry of ``tokens``, the index of its owner in the node list the ring was
    /// built from.
    let owners: [Int]
    /// The ids of the nodes the ring was built from, in their original order.
    let nodeIDs: [UUID]
    /// Each node's datacenter, by node index.
    let nodeDatacenters: [String?]
    /// Each node's rack as a number unique across datacenters, by node index.
    let nodeRacks: [Int]
    /// The number of ring members (nodes owning at least one token) per datacenter.
    let datacenterNodeCounts: [String: Int]
    /// The number of distinct racks among ring members per datacenter.
    let datacenterRackCounts: [String: Int]
    /// The indices of the nodes owning at least one token, ascending.
    let members: [Int]

    /// Builds the ring from nodes and their ``Node/tokens``.
    ///
    /// Nodes without tokens are not ring members and are never replicas. When two nodes
    /// claim the same token (a transient state during token moves) the earlier one in
    /// `nodes` keeps it.
    /// - Parameter nodes: the cluster's nodes; node indices used internally refer to this
    ///   order.
    public init(nodes: [Node]) {
        var entries: [(token: Int64, node: Int)] = []
        entries.reserveCapacity(nodes.reduce(0) { $0 + $1.tokens.count })
        for (index, node) in nodes.enumerated() {
            for token in node.tokens { entries.append((token, index)) }
        }
        entries.sort { $0.token != $1.token ? $0.token < $1.token : $0.node < $1.node }
        var tokens: [Int64] = []
        var owners: [Int] = []
        tokens.reserveCapacity(entries.count)
        owners.reserveCapacity(entries.count)
        for entry in entries where tokens.last != entry.token {
            tokens.append(entry.token)
            owners.append(entry.node)
        }
        self.tokens = tokens
        self.owners = owners
        nodeIDs = nodes.map(\.id)
        nodeDatacenters = nodes.map(\.datacenter)

        var rackIDs: [String: [String: Int]] = [:]
        var nextRack = 0
        nodeRacks = nodes.map { node in
            let datacenter = node.datacenter ?? "", rack = node.rack ?? ""
            if let id = rackIDs[datacenter]?[rack] { return id }
            defer { nextRack += 1 }
            rackIDs[datacenter, default: [:]][rack] = nextRack
            return nextRack
        }

        var members = Set<Int>()
        for owner in owners { members.insert(owner) }
        self.members = members.sorted()
        var nodeCounts: [String: Int] = [:]
        var racks: [String: Set<Int>] = [:]
        for member in members {
            guard let datacenter = nodes[member].datacenter else { continue }
            nodeCounts[datacenter, default: 0] += 1
            racks[datacenter, default: []].insert(nodeRacks[member])
        }
        datacenterNodeCounts = nodeCounts
        datacenterRackCounts = racks.mapValues(\.count)
    }

    /// Whether no node owns a token.
    public var isEmpty: Bool { tokens.isEmpty }

    /// The index in ``tokens`` of the ring token whose range contains `token`: the first
    /// ring token `>= token`, wrapping to 0.
    /// - Returns: `nil` when the ring is empty.
    public func position(of token: Int64) -> Int? {
        guard !tokens.isEmpty else { return nil }
        var low = 0, high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle] < token { low = middle + 1 } else { high = middle }
        }
        return low == tokens.count ? 0 : low
    }

    /// The id of the node owning the range that contains `token` (its primary replica).
    /// - Returns: `nil` when the ring is empty.
    public func owner(of token: Int64) -> UUID? {
        position(of: token).map { nodeIDs[owners[$0]] }
    }

    /// The replicas of `token` under `strategy`, primary replica first, computed by walking
    /// the ring (uncached; ``ClusterSnapshot/replicas(keyspace:token:)`` caches).
    ///
    /// - `SimpleStrategy`: the owners of the following ring tokens, clockwise, skipping
    ///   nodes already chosen, until the replication factor or every member is reached.
    /// - `NetworkTopologyStrategy`: Cassandra's rack-aware walk: per datacenter, nodes on
    ///   racks not yet used first, and nodes on used racks only when the datacenter has
    ///   fewer racks than its replication factor.
    /// - `EverywhereStrategy`: the primary replica, then every other member in node order.
    /// - `LocalStrategy` and unknown strategies: no replicas.
    /// - Returns: node ids; empty when the ring is empty.
    public func replicas(for token: Int64, strategy: ReplicationStrategy) -> [UUID] {
        guard let position = position(of: token) else { return [] }
        return replicaIndices(at: position, strategy: strategy).map { nodeIDs[$0] }
    }

    /// The replicas of the range ending at ring position `position`, as node indices.
    func replicaIndices(at position: Int, strategy: ReplicationStrategy) -> [Int] {
        switch strategy {
        case .simple(let factor):
            return simpleReplicas(from: position, factor: factor)
        case .networkTopology(let factors):
            return networkTopologyReplicas(from: position, factors: factors)
        case .everywhere:
            let primary = owners[position]
            return [primary] + members.filter { $0 != primary }
        case .local, .other:
            return []
        }
    }

    private func simpleReplicas(from start: Int, factor: Int) -> [Int] {
        let wanted = min(factor, members.count)
        var replicas: [Int] = []
        replicas.reserveCapacity(wanted)
        var step = 0
        while replicas.count < wanted && step < tokens.count {
            let node = owners[(start + step) % tokens.count]
            if !replicas.contains(node) { replicas.append(node) }
            step += 1
        }
        return replicas
    }
}
