#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Sends requests to a replica of their partition first, then follows a child policy.
///
/// When the request names a keyspace and a token, the plan starts with the up replicas
/// that the child ranks ``NodeDistance/local``, rotated by one position per plan so that
/// replicas share the load. The child's plan follows, without the nodes already listed.
/// Remote replicas are not promoted: they appear where the child puts them. Requests
/// without keyspace or token, and keyspaces whose strategy places no replicas, get the
/// child's plan unchanged.
public final class TokenAwarePolicy: LoadBalancingPolicy {
    /// The policy that ranks nodes and supplies the rest of each plan.
    public let child: any LoadBalancingPolicy

    private let counter = Atomic<Int>(0)

    /// Wraps a child policy.
    /// - Parameter child: usually a ``DCAwareRoundRobinPolicy``.
    public init(child: any LoadBalancingPolicy) {
        self.child = child
    }

    /// Local up replicas (rotated), then the child's plan without them.
    /// - Parameters:
    ///   - request: the request; its keyspace and token select the replicas.
    ///   - cluster: the current cluster view.
    /// - Returns: a lazy plan.
    public func plan(for request: RoutingInfo, in cluster: ClusterSnapshot) -> QueryPlan {
        let rest = child.plan(for: request, in: cluster)
        guard let keyspace = request.keyspace, let token = request.token else { return rest }
        // A selection of the snapshot's replica list, not a new array: planning allocates nothing.
        let preferred = QueryPlan.PreferredReplicas(
            nodes: cluster.nodes, replicas: cluster.replicaIndices(keyspace: keyspace, token: token),
            rotation: { Int(UInt(bitPattern: counter.wrappingAdd(1, ordering: .relaxed).oldValue) % UInt($0)) },
            isSelected: { $0.isUp && child.distance(to: $0, in: cluster) == .local })
        guard let preferred else { return rest }
        return rest.preferring(preferred)
    }

    /// The child's distance.
    /// - Parameters:
    ///   - node: the node.
    ///   - cluster: the current cluster view.
    public func distance(to node: Node, in cluster: ClusterSnapshot) -> NodeDistance {
        child.distance(to: node, in: cluster)
    }
}
