#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An immutable view of the cluster: its hosts, their token ring and the keyspaces'
/// replication. Load-balancing policies plan over one snapshot; the driver publishes a new
/// snapshot when topology, schema or host state changes.
///
/// Creating a snapshot computes the replicas of every ring range once for each distinct
/// replication strategy among the keyspaces (keyspaces sharing a strategy share the
/// table), so ``replicas(keyspace:token:)`` is a lookup. A host going up or down does not
/// move tokens: ``updatingState(of:to:)`` keeps the ring and the replica tables.
public struct ClusterSnapshot: Sendable {
    /// Every known host, in the order given at creation.
    public private(set) var hosts: [Host]
    /// Every keyspace's replication strategy, by keyspace name.
    public let keyspaces: [String: ReplicationStrategy]
    /// The token ring built from ``hosts``.
    public let tokenRing: TokenRing

    private let hostIndexByID: [UUID: Int]
    private var hostsByDatacenter: [String?: [Host]]
    private let replicaTables: [ReplicationStrategy: ReplicaTable]

    /// Creates a snapshot and computes its replica tables.
    /// - Parameters:
    ///   - hosts: every known host; ids should be unique (for a repeated id, the first
    ///     host wins in lookups).
    ///   - keyspaces: replication by keyspace name.
    public init(hosts: [Host], keyspaces: [String: ReplicationStrategy] = [:]) {
        self.hosts = hosts
        self.keyspaces = keyspaces
        let ring = TokenRing(hosts: hosts)
        tokenRing = ring
        hostIndexByID = Dictionary(hosts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        hostsByDatacenter = Dictionary(grouping: hosts, by: \.datacenter)
        var tables: [ReplicationStrategy: ReplicaTable] = [:]
        for strategy in Set(keyspaces.values) where ReplicaTable.isWorthCaching(strategy) {
            tables[strategy] = ReplicaTable(ring: ring, strategy: strategy)
        }
        replicaTables = tables
    }

    /// The host with `id`, if known.
    public func host(id: UUID) -> Host? {
        hostIndexByID[id].map { hosts[$0] }
    }

    /// The names of the datacenters hosts report, sorted.
    public var datacenters: [String] {
        hostsByDatacenter.keys.compactMap { $0 }.sorted()
    }

    /// The hosts of one datacenter, in the order of ``hosts``.
    /// - Parameter datacenter: a datacenter name, or `nil` for hosts that reported none.
    public func hosts(inDatacenter datacenter: String?) -> [Host] {
        hostsByDatacenter[datacenter] ?? []
    }

    /// The replicas of the partition with `token` in `keyspace`, primary replica first, in
    /// their current state (down replicas included).
    /// - Returns: empty when the keyspace is unknown, its strategy places no replicas, or
    ///   the ring is empty.
    public func replicas(keyspace: String, token: Int64) -> [Host] {
        guard let strategy = keyspaces[keyspace], let position = tokenRing.position(of: token) else { return [] }
        if let table = replicaTables[strategy] {
            return table.replicaIndices(at: position).map { hosts[Int($0)] }
        }
        return tokenRing.replicaIndices(at: position, strategy: strategy).map { hosts[$0] }
    }

    /// A copy of this snapshot with one host's state changed; ring and replica tables are
    /// shared, not recomputed.
    /// - Parameters:
    ///   - id: the host to change; an unknown id leaves the snapshot unchanged.
    ///   - state: its new state.
    public func updatingState(of id: UUID, to state: Host.State) -> ClusterSnapshot {
        guard let index = hostIndexByID[id], hosts[index].state != state else { return self }
        var copy = self
        copy.hosts[index].state = state
        let datacenter = hosts[index].datacenter
        if let position = copy.hostsByDatacenter[datacenter]?.firstIndex(where: { $0.id == id }) {
            copy.hostsByDatacenter[datacenter]?[position].state = state
        }
        return copy
    }
}
