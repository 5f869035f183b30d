/// Decides which nodes a request goes to, and in which order: a pure function of the
/// request and an immutable ``ClusterSnapshot``.
///
/// The driver asks for one ``QueryPlan`` per request, sends the request to the first node
/// and moves along the plan when the ``RetryPolicy`` says to try the next node. An empty
/// plan fails the request; with ``DCAwareRoundRobinPolicy`` that usually means the local
/// datacenter name matches no node.
public protocol LoadBalancingPolicy: Sendable {
    /// The nodes to try for `request`, best first, each at most once.
    /// - Parameters:
    ///   - request: what is known about the request.
    ///   - cluster: the current cluster view.
    /// - Returns: a lazy sequence of nodes.
    func plan(for request: RoutingInfo, in cluster: ClusterSnapshot) -> QueryPlan

    /// How this policy ranks `node`; ``NodeDistance/ignored`` nodes never appear in plans.
    /// - Parameters:
    ///   - node: a node of `cluster`.
    ///   - cluster: the current cluster view.
    func distance(to node: Node, in cluster: ClusterSnapshot) -> NodeDistance
}
