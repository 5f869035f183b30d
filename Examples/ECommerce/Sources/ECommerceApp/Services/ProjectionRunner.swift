import CassandraEventSourcing

/// Runs one ``CassandraEventSourcing/Projector``'s catch-ups one at a time in this process
/// (a projector is not meant to run concurrently with itself). Actor methods interleave at
/// their awaits, so a chain of tasks is what keeps the catch-ups sequential.
actor ProjectionRunner {
    private let projector: Projector
    private var last: Task<Void, Never>?

    /// Wraps a projector.
    /// - Parameter projector: the projector.
    init(_ projector: Projector) {
        self.projector = projector
    }

    /// Handles the events of `stream` after its checkpoint.
    /// - Parameter stream: the stream id.
    /// - Returns: the number of events handled.
    /// - Throws: the projector's errors.
    @discardableResult
    func catchUp(stream: String) async throws -> Int {
        try await serialized { try await $0.catchUp(stream: stream) }
    }

    /// Handles every stream of `category` after its checkpoint.
    /// - Parameter category: the category.
    /// - Returns: the number of events handled.
    /// - Throws: the projector's errors.
    @discardableResult
    func catchUp(category: String) async throws -> Int {
        try await serialized { try await $0.catchUp(category: category) }
    }

    private func serialized(_ body: @escaping @Sendable (Projector) async throws -> Int) async throws -> Int {
        let previous = last
        let projector = projector
        let task = Task<Int, any Error> {
            await previous?.value
            return try await body(projector)
        }
        last = Task { _ = try? await task.value }
        return try await task.value
    }
}
