/// The replicas of every range of a ``TokenRing`` under one ``ReplicationStrategy``,
/// computed once so that routing a request is a binary search plus a slice.
///
/// Stored flat: ring position `p`'s replicas are `replicas[offsets[p]..<offsets[p + 1]]`,
/// node indices into the node list the ring was built from.
struct ReplicaTable: Sendable {
    private let offsets: [Int32]
    private let replicas: [Int32]

    /// Computes the replicas of every ring range.
    /// - Parameters:
    ///   - ring: the ring.
    ///   - strategy: the placement to compute.
    init(ring: TokenRing, strategy: ReplicationStrategy) {
        var offsets: [Int32] = [0]
        var replicas: [Int32] = []
        offsets.reserveCapacity(ring.tokens.count + 1)
        for position in ring.tokens.indices {
            for node in ring.replicaIndices(at: position, strategy: strategy) {
                replicas.append(Int32(node))
            }
            offsets.append(Int32(replicas.count))
        }
        self.offsets = offsets
        self.replicas = replicas
    }

    /// Whether computing a table pays off for `strategy`: strategies whose replicas are
    /// empty or trivially derived are computed on demand instead.
    static func isWorthCaching(_ strategy: ReplicationStrategy) -> Bool {
        switch strategy {
        case .simple, .networkTopology: true
        case .everywhere, .local, .other: false
        }
    }

    /// The replicas of the range ending at ring position `position`, primary first.
    func replicaIndices(at position: Int) -> ArraySlice<Int32> {
        replicas[Int(offsets[position])..<Int(offsets[position + 1])]
    }
}
