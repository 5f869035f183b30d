import Synchronization

/// Hands out operation numbers `0..<limit` to concurrent workers.
final class OperationCounter: Sendable {
    private let value = Atomic<Int>(0)
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    /// The next operation number, or `nil` when all have been handed out.
    func next() -> Int? {
        let index = value.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < limit ? index : nil
    }
}
