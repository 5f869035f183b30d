/// Keeps the `k` best search results seen so far, in O(log k) per offer (a binary min-heap
/// whose root is the worst kept result).
///
/// Order: higher ``VectorSearchResult/similarity`` first; equal similarities by ascending id,
/// so the ranking is total and the same whichever order rows arrive in.
struct TopKSelector {
    /// How many results to keep (at least 1).
    let k: Int
    private var heap: [VectorSearchResult] = []

    init(k: Int) {
        precondition(k >= 1, "TopKSelector keeps at least one result")
        self.k = k
        heap.reserveCapacity(k)
    }

    /// Whether `left` ranks before `right`.
    static func ranksBefore(_ left: VectorSearchResult, _ right: VectorSearchResult) -> Bool {
        left.similarity != right.similarity ? left.similarity > right.similarity : left.id < right.id
    }

    /// Keeps `result` if it is among the best `k` so far.
    mutating func offer(_ result: VectorSearchResult) {
        if heap.count < k {
            heap.append(result)
            siftUp(heap.count - 1)
        } else if Self.ranksBefore(result, heap[0]) {
            heap[0] = result
            siftDown(0)
        }
    }

    /// The kept results, best first.
    var results: [VectorSearchResult] { heap.sorted(by: Self.ranksBefore) }

    /// Whether `heap[a]` is worse than `heap[b]` (min-heap order on rank).
    private func isWorse(_ a: Int, _ b: Int) -> Bool { Self.ranksBefore(heap[b], heap[a]) }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard isWorse(child, parent) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1, right = left + 1
            var worst = parent
            if left < heap.count, isWorse(left, worst) { worst = left }
            if right < heap.count, isWorse(right, worst) { worst = right }
            guard worst != parent else { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
