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
        let replicas = cluster.replicas(keyspace: keyspace, token: token).filter {
            $0.isUp && child.distance(to: $0, in: cluster) == .local
        }
        guard !replicas.isEmpty else { return rest }
        let rotation = Int(UInt(bitPattern: counter.wrappingAdd(1, ordering: .relaxed).oldValue) % UInt(replicas.count))
        return QueryPlan(Plan(replicas: replicas, rotation: rotation, rest: rest))
    }

    /// The child's distance.
    /// - Parameters:
    ///   - node: the node.
    ///   - cluster: the current cluster view.
    public func distance(to node: Node, in cluster: ClusterSnapshot) -> NodeDistance {
        child.distance(to: node, in: cluster)
    }

    /// The replicas from `rotation` on (wrapping around), then `rest` without them; built
    /// lazily, so a request served by its first replica allocates nothing more.
    private struct Plan: Sequence, Sendable {
        let replicas: [Node]
        let rotation: Int
        let rest: QueryPlan

        func makeIterator() -> Iterator {
            Iterator(replicas: replicas, rotation: rotation, rest: rest)
        }

        struct Iterator: IteratorProtocol {
            let replicas: [Node]
            let rotation: Int
            let rest: QueryPlan
            var restIterator: AnyIterator<Node>?
            var index = 0

            init(replicas: [Node], rotation: Int, rest: QueryPlan) {
                self.replicas = replicas
                self.rotation = rotation
                self.rest = rest
            }

            mutating func next() -> Node? {
                if index < replicas.count {
                    defer { index += 1 }
                    return replicas[(rotation + index) % replicas.count]
                }
                if restIterator == nil { restIterator = rest.makeIterator() }
                while let node = restIterator!.next() {
                    // Replication factors are small: a scan beats building a set per plan.
                    if !replicas.contains(where: { $0.id == node.id }) { return node }
                }
                return nil
            }
        }
    }
}
