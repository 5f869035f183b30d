/// The hosts to try for one request, best first: a lazy sequence, so building a plan costs
/// little and hosts past the first are only computed when a request fails over.
///
/// A plan may be iterated more than once; each iteration yields the same hosts.
public struct QueryPlan: Sequence, Sendable {
    private let makeBase: @Sendable () -> AnyIterator<Host>

    /// Wraps any sendable sequence of hosts.
    /// - Parameter hosts: the hosts in the order to try them.
    public init<Hosts: Sequence & Sendable>(_ hosts: Hosts) where Hosts.Element == Host {
        makeBase = { AnyIterator(hosts.makeIterator()) }
    }

    /// A plan with no hosts.
    public static let empty = QueryPlan([Host]())

    /// Starts an iteration over the plan's hosts.
    public func makeIterator() -> AnyIterator<Host> {
        makeBase()
    }
}
