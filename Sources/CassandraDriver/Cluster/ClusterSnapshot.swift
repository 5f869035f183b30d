#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An immutable view of the cluster: its nodes, their token ring and the keyspaces'
/// replication. Load-balancing policies plan over one snapshot; the driver publishes a new
/// snapshot when topology, schema or node state changes.
///
/// Creating a snapshot computes the replicas of every ring range once for each distinct
/// replication strategy among the keyspaces (keyspaces sharing a strategy share the
/// table), so ``replicas(keyspace:token:)`` is a lookup. A node going up or down does not
/// move tokens: ``updatingState(of:to:)`` keeps the ring and the replica tables.
public struct ClusterSnapshot: Sendable {
    /// What node state changes leave alone, shared by every copy and by the snapshots
    /// ``updatingState(of:to:)`` derives: every request copies the session's snapshot, and one
    /// reference is cheaper to copy than the ring's and the tables' dozen.
    private final class Topology: Sendable {
        let keyspaces: [String: ReplicationStrategy]
        let tokenRing: TokenRing
        let nodeIndexByID: [UUID: Int]
        /// The replica table of each keyspace that has one (shared between keyspaces of equal
        /// strategy), so routing looks up a keyspace name rather than hashing its strategy.
        let replicaTablesByKeyspace: [String: ReplicaTable]

        init(nodes: [Node], keyspaces: [String: ReplicationStrategy]) {
            self.keyspaces = keyspaces
            let ring = TokenRing(nodes: nodes)
            tokenRing = ring
            nodeIndexByID = Dictionary(nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            var tables: [ReplicationStrategy: ReplicaTable] = [:]
            for strategy in Set(keyspaces.values) where ReplicaTable.isWorthCaching(strategy) {
                tables[strategy] = ReplicaTable(ring: ring, strategy: strategy)
            }
            replicaTablesByKeyspace = keyspaces.compactMapValues { tables[$0] }
        }
    }

    /// Every known node, in the order given at creation.
    public private(set) var nodes: [Node]
    private var nodesByDatacenter: [String?: [Node]]
    private let topology: Topology

    /// Every keyspace's replication strategy, by keyspace name.
    public var keyspaces: [String: ReplicationStrategy] { topology.keyspaces }
    /// The token ring built from ``nodes``.
    public var tokenRing: TokenRing { topology.tokenRing }

    /// Creates a snapshot and computes its replica tables.
    /// - Parameters:
    ///   - nodes: every known node; ids should be unique (for a repeated id, the first
    ///     node wins in lookups).
    ///   - keyspaces: replication by keyspace name.
    public init(nodes: [Node], keyspaces: [String: ReplicationStrategy] = [:]) {
        self.nodes = nodes
        nodesByDatacenter = Dictionary(grouping: nodes, by: \.datacenter)
        topology = Topology(nodes: nodes, keyspaces: keyspaces)
    }

    /// The node with `id`, if known.
    public func node(id: UUID) -> Node? {
        topology.nodeIndexByID[id].map { nodes[$0] }
    }

    /// The names of the datacenters nodes report, sorted.
    public var datacenters: [String] {
        nodesByDatacenter.keys.compactMap { $0 }.sorted()
    }

    /// The nodes of one datacenter, in the order of ``nodes``.
    /// - Parameter datacenter: a datacenter name, or `nil` for nodes that reported none.
    public func nodes(inDatacenter datacenter: String?) -> [Node] {
        nodesByDatacenter[datacenter] ?? []
    }

    /// The replicas of the partition with `token` in `keyspace`, primary replica first, in
    /// their current state (down replicas included).
    /// - Returns: empty when the keyspace is unknown, its strategy places no replicas, or
    ///   the ring is empty.
    public func replicas(keyspace: String, token: Int64) -> [Node] {
        replicaIndices(keyspace: keyspace, token: token).map { nodes[Int($0)] }
    }

    /// The replicas of ``replicas(keyspace:token:)`` as indices into ``nodes``; a slice of
    /// the precomputed table, so routing a request copies nothing.
    func replicaIndices(keyspace: String, token: Int64) -> ArraySlice<Int32> {
        guard let position = topology.tokenRing.position(of: token) else { return [] }
        if let table = topology.replicaTablesByKeyspace[keyspace] { return table.replicaIndices(at: position) }
        guard let strategy = topology.keyspaces[keyspace] else { return [] }
        return ArraySlice(topology.tokenRing.replicaIndices(at: position, strategy: strategy).map { Int32($0) })
    }

    /// A copy of this snapshot with one node's state changed; ring and replica tables are
    /// shared, not recomputed.
    /// - Parameters:
    ///   - id: the node to change; an unknown id leaves the snapshot unchanged.
    ///   - state: its new state.
    public func updatingState(of id: UUID, to state: Node.State) -> ClusterSnapshot {
        guard let index = topology.nodeIndexByID[id], nodes[index].state != state else { return self }
        var copy = self
        copy.nodes[index].state = state
        let datacenter = nodes[index].datacenter
        if let position = copy.nodesByDatacenter[datacenter]?.firstIndex(where: { $0.id == id }) {
            copy.nodesByDatacenter[datacenter]?[position].state = state
        }
        return copy
    }
}
