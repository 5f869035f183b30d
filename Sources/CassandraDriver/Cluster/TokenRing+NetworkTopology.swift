extension TokenRing {
    /// Replicas under `NetworkTopologyStrategy`, as node indices in the order chosen.
    ///
    /// This is Cassandra's `NetworkTopologyStrategy.calculateNaturalEndpoints` (3.0 and
    /// later). For each datacenter with a positive factor and at least one member:
    /// `needed = min(rf, nodes in dc)` and `acceptableRackRepeats = rf - racks in dc`. The
    /// ring is walked once, clockwise from `start`; each token's owner in such a datacenter
    /// is taken when its rack is new for the datacenter, or, when the rack was seen,
    /// if the node is not yet a replica and rack repeats are still acceptable (each use
    /// spends one). A datacenter stops taking nodes once `needed` reaches zero, and the
    /// walk stops when every datacenter is filled. Replicas are thus spread over distinct
    /// racks first and rack repeats fill the rest only when there are fewer racks than the
    /// replication factor.
    func networkTopologyReplicas(from start: Int, factors: [String: Int]) -> [Int] {
        struct Fill {
            var needed: Int
            var acceptableRackRepeats: Int
        }
        var fills: [String: Fill] = [:]
        for (datacenter, factor) in factors {
            let nodes = datacenterNodeCounts[datacenter] ?? 0
            guard factor > 0, nodes > 0 else { continue }
            let racks = datacenterRackCounts[datacenter] ?? 0
            fills[datacenter] = Fill(needed: min(factor, nodes), acceptableRackRepeats: factor - racks)
        }
        var datacentersToFill = fills.count
        var replicas: [Int] = []
        var seenRacks: [Int] = []
        var step = 0
        while datacentersToFill > 0 && step < tokens.count {
            let node = owners[(start + step) % tokens.count]
            step += 1
            guard let datacenter = nodeDatacenters[node], var fill = fills[datacenter], fill.needed > 0 else {
                continue
            }
            let rack = nodeRacks[node]
            if !seenRacks.contains(rack) {
                // A new rack always means a new node: a node seen before had its rack seen.
                seenRacks.append(rack)
            } else if fill.acceptableRackRepeats > 0 && !replicas.contains(node) {
                fill.acceptableRackRepeats -= 1
            } else {
                continue
            }
            replicas.append(node)
            fill.needed -= 1
            if fill.needed == 0 { datacentersToFill -= 1 }
            fills[datacenter] = fill
        }
        return replicas
    }
}
