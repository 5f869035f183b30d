/// The nodes to try for one request, best first: a lazy sequence, so building a plan costs
/// little and nodes past the first are only computed when a request fails over.
///
/// A plan may be iterated more than once; each iteration yields the same nodes.
public struct QueryPlan: Sequence, Sendable {
    private let makeBase: @Sendable () -> AnyIterator<Node>

    /// Wraps any sendable sequence of nodes.
    /// - Parameter nodes: the nodes in the order to try them.
    public init<Nodes: Sequence & Sendable>(_ nodes: Nodes) where Nodes.Element == Node {
        makeBase = { AnyIterator(nodes.makeIterator()) }
    }

    /// A plan with no nodes.
    public static let empty = QueryPlan([Node]())

    /// Starts an iteration over the plan's nodes.
    public func makeIterator() -> AnyIterator<Node> {
        makeBase()
    }
}
