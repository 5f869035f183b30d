import CQLProtocol
import Synchronization

/// Round-robin over the local datacenter's nodes, then, optionally, a few nodes of each
/// remote datacenter.
///
/// Each plan starts one node further along the local datacenter's node list than the plan
/// before it, so consecutive requests spread over all local nodes. Down nodes are skipped.
/// After the local nodes come up to ``usedNodesPerRemoteDatacenter`` up nodes of every
/// other datacenter (datacenters in name order, each rotated the same way), except for
/// requests at a `LOCAL_*` consistency unless
/// ``allowsRemoteDatacentersForLocalConsistency`` is set, since a remote coordinator
/// would apply `LOCAL_*` to its own datacenter.
///
/// Nodes that report no datacenter count as local, as in the DataStax drivers.
///
/// The rotation counter is the policy's only state, a relaxed atomic: plans are built
/// concurrently without locks and the exact interleaving of starting points does not
/// matter.
public final class DCAwareRoundRobinPolicy: LoadBalancingPolicy {
    /// The datacenter whose nodes are tried first.
    public let localDatacenter: String
    /// How many up nodes of each remote datacenter a plan ends with; 0 keeps requests in
    /// the local datacenter.
    public let usedNodesPerRemoteDatacenter: Int
    /// Whether requests at `LOCAL_ONE`, `LOCAL_QUORUM` or `LOCAL_SERIAL` may fail over to
    /// remote datacenters.
    public let allowsRemoteDatacentersForLocalConsistency: Bool

    private let counter = Atomic<Int>(0)

    /// Creates the policy.
    /// - Parameters:
    ///   - localDatacenter: the datacenter to prefer; it must match a node's datacenter
    ///     exactly, or plans hold only remote nodes (or none).
    ///   - usedNodesPerRemoteDatacenter: remote nodes per datacenter at the end of a plan.
    ///   - allowsRemoteDatacentersForLocalConsistency: whether `LOCAL_*` requests may use
    ///     remote nodes.
    public init(
        localDatacenter: String,
        usedNodesPerRemoteDatacenter: Int = 0,
        allowsRemoteDatacentersForLocalConsistency: Bool = false
    ) {
        self.localDatacenter = localDatacenter
        self.usedNodesPerRemoteDatacenter = max(0, usedNodesPerRemoteDatacenter)
        self.allowsRemoteDatacentersForLocalConsistency = allowsRemoteDatacentersForLocalConsistency
    }

    /// Local up nodes starting one further than the previous plan, then remote up nodes.
    /// - Parameters:
    ///   - request: the request; only its consistency matters here.
    ///   - cluster: the current cluster view.
    /// - Returns: a lazy plan.
    public func plan(for request: RoutingInfo, in cluster: ClusterSnapshot) -> QueryPlan {
        let rotation = counter.wrappingAdd(1, ordering: .relaxed).oldValue
        var local = cluster.nodes(inDatacenter: localDatacenter)
        let withoutDatacenter = cluster.nodes(inDatacenter: nil)
        if !withoutDatacenter.isEmpty { local += withoutDatacenter }
        var remote: [[Node]] = []
        if usedNodesPerRemoteDatacenter > 0 && (allowsRemoteDatacentersForLocalConsistency || !request.consistency.isDatacenterLocal) {
            for datacenter in cluster.datacenters where datacenter != localDatacenter {
                remote.append(cluster.nodes(inDatacenter: datacenter))
            }
        }
        return QueryPlan(.roundRobin(Plan(local: local, remote: remote, remoteLimit: usedNodesPerRemoteDatacenter, rotation: rotation)))
    }

    /// ``NodeDistance/local`` for nodes of the local datacenter (or with none),
    /// ``NodeDistance/remote`` for other nodes when remote nodes are used, otherwise
    /// ``NodeDistance/ignored``.
    /// - Parameters:
    ///   - node: the node.
    ///   - cluster: the current cluster view (unused: distance depends on the node alone).
    public func distance(to node: Node, in cluster: ClusterSnapshot) -> NodeDistance {
        guard let datacenter = node.datacenter, datacenter != localDatacenter else { return .local }
        return usedNodesPerRemoteDatacenter > 0 ? .remote : .ignored
    }

    /// The lazy sequence behind a plan: rotated local up nodes, then the first
    /// `remoteLimit` rotated up nodes of each remote datacenter. A plain value, so that
    /// ``QueryPlan`` holds it without boxing.
    struct Plan: IteratorProtocol, Sendable {
        let local: [Node]
        let remote: [[Node]]
        let remoteLimit: Int
        let rotation: Int

        private var group = -1
        private var step = 0
        private var takenFromGroup = 0

        init(local: [Node], remote: [[Node]], remoteLimit: Int, rotation: Int) {
            self.local = local
            self.remote = remote
            self.remoteLimit = remoteLimit
            self.rotation = rotation
        }

        mutating func next() -> Node? {
            while true {
                let nodes = group < 0 ? local : remote[group]
                let limit = group < 0 ? Int.max : remoteLimit
                if step < nodes.count && takenFromGroup < limit {
                    let node = nodes[Int(UInt(bitPattern: rotation &+ step) % UInt(nodes.count))]
                    step += 1
                    if node.isUp {
                        takenFromGroup += 1
                        return node
                    }
                    continue
                }
                guard group + 1 < remote.count else { return nil }
                group += 1
                step = 0
                takenFromGroup = 0
            }
        }
    }
}

extension Consistency {
    /// Whether the level is evaluated within the coordinator's datacenter only.
    fileprivate var isDatacenterLocal: Bool {
        self == .localOne || self == .localQuorum || self == .localSerial
    }
}
