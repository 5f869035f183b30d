#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The Murmur3 token ring: every host's tokens, sorted, each mapped to the host that owns it.
///
/// A token `t` of a partition key belongs to the range `(previous ring token, next ring
/// token]`, so its primary replica is the owner of the first ring token `>= t`, wrapping to
/// the first ring token past the largest. The ring knows the hosts' placement (id,
/// datacenter, rack) only; their up/down state lives in ``ClusterSnapshot``.
///
/// Replica placement follows Cassandra's `SimpleStrategy` and
/// `NetworkTopologyStrategy.calculateNaturalEndpoints` (see
/// ``replicas(for:strategy:)``). Computing replicas walks the ring; ``ClusterSnapshot``
/// computes them once per ring position and strategy and caches the result.
public struct TokenRing: Sendable {
    /// The ring tokens in ascending order, without duplicates.
    public let tokens: [Int64]
    /// For each entry of ``tokens``, the index of its owner in the host list the ring was
    /// built from.
    let owners: [Int]
    /// The ids of the hosts the ring was built from, in their original order.
    let hostIDs: [UUID]
    /// Each host's datacenter, by host index.
    let hostDatacenters: [String?]
    /// Each host's rack as a number unique across datacenters, by host index.
    let hostRacks: [Int]
    /// The number of ring members (hosts owning at least one token) per datacenter.
    let datacenterNodeCounts: [String: Int]
    /// The number of distinct racks among ring members per datacenter.
    let datacenterRackCounts: [String: Int]
    /// The indices of the hosts owning at least one token, ascending.
    let members: [Int]

    /// Builds the ring from hosts and their ``Host/tokens``.
    ///
    /// Hosts without tokens are not ring members and are never replicas. When two hosts
    /// claim the same token (a transient state during token moves) the earlier one in
    /// `hosts` keeps it.
    /// - Parameter hosts: the cluster's hosts; host indices used internally refer to this
    ///   order.
    public init(hosts: [Host]) {
        var entries: [(token: Int64, host: Int)] = []
        entries.reserveCapacity(hosts.reduce(0) { $0 + $1.tokens.count })
        for (index, host) in hosts.enumerated() {
            for token in host.tokens { entries.append((token, index)) }
        }
        entries.sort { $0.token != $1.token ? $0.token < $1.token : $0.host < $1.host }
        var tokens: [Int64] = []
        var owners: [Int] = []
        tokens.reserveCapacity(entries.count)
        owners.reserveCapacity(entries.count)
        for entry in entries where tokens.last != entry.token {
            tokens.append(entry.token)
            owners.append(entry.host)
        }
        self.tokens = tokens
        self.owners = owners
        hostIDs = hosts.map(\.id)
        hostDatacenters = hosts.map(\.datacenter)

        var rackIDs: [String: [String: Int]] = [:]
        var nextRack = 0
        hostRacks = hosts.map { host in
            let datacenter = host.datacenter ?? "", rack = host.rack ?? ""
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
            guard let datacenter = hosts[member].datacenter else { continue }
            nodeCounts[datacenter, default: 0] += 1
            racks[datacenter, default: []].insert(hostRacks[member])
        }
        datacenterNodeCounts = nodeCounts
        datacenterRackCounts = racks.mapValues(\.count)
    }

    /// Whether no host owns a token.
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

    /// The id of the host owning the range that contains `token` (its primary replica).
    /// - Returns: `nil` when the ring is empty.
    public func owner(of token: Int64) -> UUID? {
        position(of: token).map { hostIDs[owners[$0]] }
    }

    /// The replicas of `token` under `strategy`, primary replica first, computed by walking
    /// the ring (uncached; ``ClusterSnapshot/replicas(keyspace:token:)`` caches).
    ///
    /// - `SimpleStrategy`: the owners of the following ring tokens, clockwise, skipping
    ///   hosts already chosen, until the replication factor or every member is reached.
    /// - `NetworkTopologyStrategy`: Cassandra's rack-aware walk: per datacenter, hosts on
    ///   racks not yet used first, and hosts on used racks only when the datacenter has
    ///   fewer racks than its replication factor.
    /// - `EverywhereStrategy`: the primary replica, then every other member in host order.
    /// - `LocalStrategy` and unknown strategies: no replicas.
    /// - Returns: host ids; empty when the ring is empty.
    public func replicas(for token: Int64, strategy: ReplicationStrategy) -> [UUID] {
        guard let position = position(of: token) else { return [] }
        return replicaIndices(at: position, strategy: strategy).map { hostIDs[$0] }
    }

    /// The replicas of the range ending at ring position `position`, as host indices.
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
            let host = owners[(start + step) % tokens.count]
            if !replicas.contains(host) { replicas.append(host) }
            step += 1
        }
        return replicas
    }
}
