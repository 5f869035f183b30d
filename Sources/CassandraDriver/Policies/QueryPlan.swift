#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The nodes to try for one request, best first: a lazy sequence, so building a plan costs
/// little and nodes past the first are only computed when a request fails over.
///
/// The built-in policies' plans (``DCAwareRoundRobinPolicy``, and ``TokenAwarePolicy`` over
/// it) are plain values that allocate nothing per request; a plan made from any other
/// sequence with ``init(_:)`` boxes it.
///
/// A plan may be iterated more than once; each iteration yields the same nodes.
public struct QueryPlan: Sequence, Sendable {
    /// Where the nodes after the preferred replicas come from.
    enum Source: Sendable {
        case roundRobin(DCAwareRoundRobinPolicy.Plan)
        case custom(@Sendable () -> AnyIterator<Node>)
    }

    private let preferred: PreferredReplicas?
    private let source: Source

    /// Wraps any sendable sequence of nodes.
    /// - Parameter nodes: the nodes in the order to try them.
    public init<Nodes: Sequence & Sendable>(_ nodes: Nodes) where Nodes.Element == Node {
        preferred = nil
        source = .custom { AnyIterator(nodes.makeIterator()) }
    }

    init(_ source: Source) {
        preferred = nil
        self.source = source
    }

    private init(preferred: PreferredReplicas?, source: Source) {
        self.preferred = preferred
        self.source = source
    }

    /// A plan with no nodes.
    public static let empty = QueryPlan([Node]())

    /// This plan with `replicas` first; the plan's own nodes follow without them.
    func preferring(_ replicas: PreferredReplicas) -> QueryPlan {
        // Nested preferences (a token-aware policy around another) keep the inner plan whole.
        guard preferred == nil else { return QueryPlan(preferred: replicas, source: .custom { AnyIterator(self.makeIterator()) }) }
        return QueryPlan(preferred: replicas, source: source)
    }

    /// Starts an iteration over the plan's nodes.
    public func makeIterator() -> Iterator {
        Iterator(preferred: preferred, source: source)
    }

    /// An iteration over a plan.
    public struct Iterator: IteratorProtocol {
        private enum SourceIterator {
            case roundRobin(DCAwareRoundRobinPolicy.Plan)
            case custom(@Sendable () -> AnyIterator<Node>)
            case started(AnyIterator<Node>)
        }

        private let preferred: PreferredReplicas?
        private var preferredIndex = 0
        private var source: SourceIterator

        fileprivate init(preferred: PreferredReplicas?, source: Source) {
            self.preferred = preferred
            switch source {
            case .roundRobin(let plan): self.source = .roundRobin(plan)
            case .custom(let make): self.source = .custom(make)
            }
        }

        /// The next node to try, or `nil` at the end of the plan.
        public mutating func next() -> Node? {
            if let preferred, preferredIndex < preferred.count {
                defer { preferredIndex += 1 }
                return preferred.node(at: preferredIndex)
            }
            while let node = nextFromSource() {
                if preferred?.contains(node) != true { return node }
            }
            return nil
        }

        private mutating func nextFromSource() -> Node? {
            switch source {
            case .roundRobin(var plan):
                let node = plan.next()
                source = .roundRobin(plan)
                return node
            case .custom(let make):
                let iterator = make()
                source = .started(iterator)
                return iterator.next()
            case .started(let iterator):
                return iterator.next()
            }
        }
    }
}

extension QueryPlan {
    /// Replicas of a partition to try first, rotated: a selection of a snapshot's replica
    /// list, kept as a bit mask over that list so that no array is built per request.
    struct PreferredReplicas: Sendable {
        /// The snapshot's nodes, which `replicas` index.
        let nodes: [Node]
        /// The partition's replicas, primary first, as indices into `nodes`.
        let replicas: ArraySlice<Int32>
        /// Bit `i` set: `replicas[replicas.startIndex + i]` is selected.
        let selected: UInt64
        /// How many are selected.
        let count: Int
        /// The selected replica to start from.
        let rotation: Int

        /// Selects the replicas for which `isSelected` holds, at most 64 of them.
        /// - Returns: `nil` when none is selected.
        init?(nodes: [Node], replicas: ArraySlice<Int32>, rotation: (Int) -> Int, isSelected: (Node) -> Bool) {
            var selected: UInt64 = 0
            var count = 0
            for (offset, index) in replicas.prefix(64).enumerated() where isSelected(nodes[Int(index)]) {
                selected |= 1 << UInt64(offset)
                count += 1
            }
            guard count > 0 else { return nil }
            self.nodes = nodes
            self.replicas = replicas
            self.selected = selected
            self.count = count
            self.rotation = rotation(count)
        }

        /// The `position`th node to try, `0..<count`.
        func node(at position: Int) -> Node {
            var wanted = (rotation + position) % count
            var bits = selected
            while wanted > 0 {
                bits &= bits - 1
                wanted -= 1
            }
            return nodes[Int(replicas[replicas.startIndex + bits.trailingZeroBitCount])]
        }

        /// Whether `node` is one of the selected replicas.
        func contains(_ node: Node) -> Bool {
            var bits = selected
            while bits != 0 {
                if nodes[Int(replicas[replicas.startIndex + bits.trailingZeroBitCount])].id == node.id { return true }
                bits &= bits - 1
            }
            return false
        }
    }
}
