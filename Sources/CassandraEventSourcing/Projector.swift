import CassandraDriver

/// Feeds stored events to a handler, stream by stream, remembering per stream the last
/// version handled (a checkpoint row per projection and stream), so a run resumes where the
/// previous one stopped.
///
/// ```swift
/// let balances = try Projector(name: "balances", store: store) { event in
///     try await readModel.apply(event)   // must be idempotent
/// }
/// try await balances.catchUp(category: "account")
/// ```
///
/// Delivery is at least once: the checkpoint is written after the handler returns, so an
/// event whose handler ran but whose checkpoint write was lost (crash, timeout) is handled
/// again by the next run. Handlers must therefore be idempotent, e.g. by writing their read
/// model keyed by the event's stream and version, or by storing the version they applied.
/// Within a stream, events arrive in version order; across streams there is no order.
/// Run one instance of a projection at a time.
public struct Projector: Sendable {
    /// Handles one event; throwing stops the run before that event's checkpoint.
    public typealias Handler = @Sendable (RecordedEvent) async throws -> Void

    /// The projection's name, the key of its checkpoints.
    public let name: String
    /// The event store read from.
    public let store: EventStore
    private let handler: Handler

    /// Creates a projector; no request is sent.
    /// - Parameters:
    ///   - name: the projection's name (non-empty); renaming starts it from scratch.
    ///   - store: the event store.
    ///   - handler: handles each event, idempotently.
    /// - Throws: ``EventStoreError/Code/invalidArgument`` for an empty name.
    public init(name: String, store: EventStore, handler: @escaping Handler) throws {
        guard !name.isEmpty else { throw EventStoreError(.invalidArgument, "a projection needs a non-empty name") }
        self.name = name
        self.store = store
        self.handler = handler
    }

    /// The last version of `stream` this projection handled (0: none).
    /// - Parameter stream: the stream id.
    /// - Returns: the checkpoint.
    /// - Throws: ``EventStoreError/Code/driver``.
    public func checkpoint(of stream: String) async throws -> Int64 {
        try await store.driver {
            let select = try await store.session.prepare(
                "SELECT version FROM \(store.qualified.checkpoints) WHERE projection = ? AND stream_id = ?")
            return try await store.session.execute(select, name, stream).first.map { try $0[0, as: Int64.self] } ?? 0
        }
    }

    /// Handles the events of `stream` after its checkpoint, advancing the checkpoint after each.
    /// - Parameter stream: the stream id.
    /// - Returns: how many events were handled.
    /// - Throws: ``EventStoreError/Code/handlerFailed`` (with the stream and the handler's
    ///   error) when the handler throws; the checkpoint stays at the previous event.
    ///   ``EventStoreError/Code/driver``; `CancellationError` as it is.
    @discardableResult
    public func catchUp(stream: String) async throws -> Int {
        let save = try await store.driver {
            try await store.session.prepare(
                "INSERT INTO \(store.qualified.checkpoints) (projection, stream_id, version) VALUES (?, ?, ?)")
        }
        var handled = 0
        for try await event in store.read(stream: stream, from: try await checkpoint(of: stream) + 1) {
            do {
                try await handler(event)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                throw EventStoreError(.handlerFailed, "the handler of projection '\(name)' failed at version \(event.version)",
                                      stream: stream, eventType: event.eventType, underlying: error)
            }
            try await store.driver { _ = try await store.session.execute(save, name, stream, event.version) }
            handled += 1
        }
        return handled
    }

    /// Catches up on every stream of a category (see ``EventStore/streams(inCategory:)``).
    /// - Parameter category: the category.
    /// - Returns: how many events were handled.
    /// - Throws: as ``catchUp(stream:)``; streams after a failing one are not visited.
    @discardableResult
    public func catchUp(category: String) async throws -> Int {
        var handled = 0
        for stream in try await store.streams(inCategory: category) {
            handled += try await catchUp(stream: stream)
        }
        return handled
    }
}
