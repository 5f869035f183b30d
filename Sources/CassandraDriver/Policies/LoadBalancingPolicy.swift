/// Decides which hosts a request goes to, and in which order: a pure function of the
/// request and an immutable ``ClusterSnapshot``.
///
/// The driver asks for one ``QueryPlan`` per request, sends the request to the first host
/// and moves along the plan when the ``RetryPolicy`` says to try the next host. An empty
/// plan fails the request; with ``DCAwareRoundRobinPolicy`` that usually means the local
/// datacenter name matches no host.
public protocol LoadBalancingPolicy: Sendable {
    /// The hosts to try for `request`, best first, each at most once.
    /// - Parameters:
    ///   - request: what is known about the request.
    ///   - cluster: the current cluster view.
    /// - Returns: a lazy sequence of hosts.
    func plan(for request: RoutingInfo, in cluster: ClusterSnapshot) -> QueryPlan

    /// How this policy ranks `host`; ``HostDistance/ignored`` hosts never appear in plans.
    /// - Parameters:
    ///   - host: a host of `cluster`.
    ///   - cluster: the current cluster view.
    func distance(to host: Host, in cluster: ClusterSnapshot) -> HostDistance
}
